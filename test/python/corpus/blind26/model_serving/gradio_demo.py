"""Internal Gradio demo for the image classifier + text explainer.

Run with:  python gradio_demo.py
"""
import html
import io
import os

import gradio as gr
import requests
import torch
from PIL import Image
from torchvision import transforms as T

from serving import model_store

DEFAULT_CKPT = os.environ.get("DEMO_CKPT", "/srv/models/resnet_demo/v3/model.pt")
LABELS = [line.strip() for line in open(os.environ.get("DEMO_LABELS", "/srv/models/resnet_demo/labels.txt"))]

_preprocess = T.Compose([T.Resize(256), T.CenterCrop(224), T.ToTensor(), T.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])])
_models = {}


def _get_model(ckpt_path):
    if ckpt_path not in _models:
        model = model_store.load_checkpoint(ckpt_path)
        model.eval()
        _models[ckpt_path] = model
    return _models[ckpt_path]


def classify(image, image_url, ckpt_path):
    if image is None and image_url:
        resp = requests.get(image_url, timeout=20)  #@vuln CWE-918
        image = Image.open(io.BytesIO(resp.content)).convert("RGB")
    if image is None:
        return {}, "<p>no image</p>"
    model = _get_model(ckpt_path or DEFAULT_CKPT)
    with torch.no_grad():
        probs = torch.softmax(model(_preprocess(image).unsqueeze(0))[0], dim=0)
    top = torch.topk(probs, 5)
    scores = {LABELS[i]: float(p) for p, i in zip(top.values, top.indices)}
    caption = f"<div class='src'>source: {html.escape(image_url or 'upload')}</div>"
    return scores, caption


_recent = []  # shared across all sessions so the team can see what people try


def explain(text, highlight):
    tokens = text.split()
    _recent.append(text)
    del _recent[:-20]
    marked = " ".join(f"<mark>{html.escape(t)}</mark>" if t.lower() == highlight.lower() else html.escape(t) for t in tokens)
    return f"<div class='explain'><b>Input:</b> {marked}<br><i>{len(tokens)} tokens</i></div>"


def recent_inputs():
    items = "".join(f"<li>{t}</li>" for t in reversed(_recent))  #@vuln CWE-79
    return f"<h4>Recent inputs</h4><ul>{items}</ul>"


with gr.Blocks(title="Model demo") as demo:
    with gr.Tab("Classifier"):
        img = gr.Image(type="pil")
        url = gr.Textbox(label="...or image URL")
        ckpt = gr.Textbox(label="Checkpoint path", value=DEFAULT_CKPT)
        out = gr.Label(num_top_classes=5)
        src = gr.HTML()
        gr.Button("Classify").click(classify, inputs=[img, url, ckpt], outputs=[out, src])
    with gr.Tab("Explainer"):
        txt = gr.Textbox(lines=4, label="Text")
        hl = gr.Textbox(label="Highlight token")
        exp = gr.HTML()
        recent = gr.HTML()
        gr.Button("Explain").click(explain, inputs=[txt, hl], outputs=exp).then(recent_inputs, outputs=recent)


if __name__ == "__main__":
    demo.queue().launch(server_name="0.0.0.0", server_port=7860)
