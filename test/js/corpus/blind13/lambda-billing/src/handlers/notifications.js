const { SESClient, SendEmailCommand } = require("@aws-sdk/client-ses");

const ses = new SESClient({});
const escapeRegExp = (s) => String(s).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function subscribersFor(alert, subscribers) {
  return subscribers.filter((sub) => {
    if (sub.keyword) {
      const keyword = new RegExp(`\\b${escapeRegExp(sub.keyword)}\\b`, "i"); //@safe
      return keyword.test(alert.summary);
    }
    return true;
  });
}

function redactLines(text, pattern) {
  const matcher = new RegExp(pattern, "gm"); //@vuln CWE-1333
  return text.replace(matcher, "[redacted]");
}

exports.handler = async (event) => {
  for (const record of event.Records) {
    const alert = JSON.parse(record.Sns.Message);
    const body = alert.redactPattern ? redactLines(alert.details || "", alert.redactPattern) : alert.details || "";
    const recipients = subscribersFor(alert, alert.subscribers || []);
    for (const sub of recipients) {
      const Message = { Subject: { Data: `[billing] ${alert.summary}` }, Body: { Text: { Data: body } } };
      await ses.send(new SendEmailCommand({ Source: "alerts@example.com", Destination: { ToAddresses: [sub.email] }, Message }));
    }
  }
};
