"""XBlock-style course components. Per-student state lives in Mongo (student_module)."""
import ast
import base64
import json
import logging
import math
import pickle
import random

from django.http import HttpResponse, JsonResponse
from pymongo import MongoClient

from common.config import settings

log = logging.getLogger(__name__)

_client = MongoClient(settings.mongo_url)
student_module = _client["learnhub"]["student_module"]

FORMULA_GLOBALS = {"__builtins__": {}, "sin": math.sin, "cos": math.cos, "sqrt": math.sqrt, "pi": math.pi, "e": math.e}


class XBlockBase:
    block_type = "base"

    def __init__(self, block_id, fields, user):
        self.block_id = block_id
        self.fields = fields
        self.user = user

    def load_state(self):
        doc = student_module.find_one({"block_id": self.block_id, "user_id": self.user.id})
        return json.loads(doc["state"]) if doc else {}

    def save_state(self, state, score=None):
        update = {"state": json.dumps(state)}
        if score is not None:
            update["score"] = score
        student_module.update_one({"block_id": self.block_id, "user_id": self.user.id}, {"$set": update}, upsert=True)

    def handle(self, handler_name, request):
        handler = getattr(self, f"handler_{handler_name}", None)
        if handler is None:
            return JsonResponse({"error": "no such handler"}, status=404)
        return handler(request)


class ProblemBlock(XBlockBase):
    """Numeric-answer problem with attempts and a resumable draft."""
    block_type = "problem"

    def handler_check(self, request):
        state = self.load_state()
        if state.get("attempts", 0) >= self.fields.get("max_attempts", 3):
            return JsonResponse({"error": "no attempts left"}, status=400)
        try:
            value = ast.literal_eval(request.POST.get("answer", ""))  #@safe
        except (ValueError, SyntaxError):
            return JsonResponse({"correct": False, "error": "Please enter a number."})
        expected = float(self.fields["answer"])
        tolerance = float(self.fields.get("tolerance", 0.01))
        correct = isinstance(value, (int, float)) and abs(value - expected) <= tolerance * max(1.0, abs(expected))
        state["attempts"] = state.get("attempts", 0) + 1
        self.save_state(state, score=1.0 if correct else 0.0)
        return JsonResponse({"correct": correct, "attempts": state["attempts"]})

    def handler_save_draft(self, request):
        # The draft blob is handed to the browser on render and posted back on resume.
        draft = pickle.loads(base64.b64decode(request.POST["draft"]))  #@vuln CWE-502
        state = self.load_state()
        state["draft"] = {"answer": str(draft.get("answer", "")), "notes": str(draft.get("notes", ""))}
        self.save_state(state)
        return JsonResponse({"saved": True})

    def handler_stats(self, request):
        threshold = float(request.GET.get("min_score", "0"))
        count = student_module.count_documents({"block_id": self.block_id, "score": {"$gte": threshold}})  #@safe
        return JsonResponse({"count": count})


class FormulaBlock(XBlockBase):
    """Symbolic answer checked numerically at random sample points."""
    block_type = "formula"

    def handler_check(self, request):
        expr = request.POST.get("formula", "").replace("^", "**")
        samples = [{v: random.uniform(1, 10) for v in self.fields["variables"]} for _ in range(5)]
        try:
            student_values = [eval(expr, FORMULA_GLOBALS, dict(s)) for s in samples]  #@vuln CWE-95
        except Exception:
            return HttpResponse(f"<div class='error'>Could not evaluate <code>{expr}</code></div>", status=400)  #@vuln CWE-79
        expected_values = [self.fields["reference_fn"](**s) for s in samples]
        correct = all(math.isclose(a, b, rel_tol=1e-6) for a, b in zip(student_values, expected_values))
        self.save_state({"last": expr}, score=1.0 if correct else 0.0)
        return JsonResponse({"correct": correct})


class PollBlock(XBlockBase):
    block_type = "poll"

    def handler_results(self, request):
        min_score = request.GET.get("min_score", "0")
        docs = student_module.find({"block_id": self.block_id, "$where": f"this.score >= {min_score}"})  #@vuln CWE-943
        tally = {}
        for doc in docs:
            choice = json.loads(doc["state"]).get("choice")
            tally[choice] = tally.get(choice, 0) + 1
        return JsonResponse({"tally": tally})


BLOCK_TYPES = {cls.block_type: cls for cls in (ProblemBlock, FormulaBlock, PollBlock)}
