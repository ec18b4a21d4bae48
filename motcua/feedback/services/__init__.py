"""Writes for feedback and petitions (PAKN). Each step locks the PAKN row, checks the step table
(`motcua.feedback.policies.RULES`) and who may take it, writes, appends a `FeedbackEvent` (with
the due the step was judged against) and queues the sender's messages, which are sent after
commit. Due instants are computed when a step starts, with the responsible agency's calendar
(`motcua.feedback.clocks`).
"""

from motcua.feedback.services._common import (
    CONTENT_MAX,
    TITLE_MAX,
    FeedbackStepRefused,
    SenderInput,
    feedback_url,
)
from motcua.feedback.services.reactions import feedback_react
from motcua.feedback.services.steps import (
    feedback_accept,
    feedback_answer,
    feedback_forward,
    feedback_mark_repeat,
    feedback_provide_info,
    feedback_publish,
    feedback_refuse,
    feedback_request_info,
)
from motcua.feedback.services.submission import feedback_code_allocate, feedback_submit

__all__ = [
    "CONTENT_MAX",
    "TITLE_MAX",
    "FeedbackStepRefused",
    "SenderInput",
    "feedback_accept",
    "feedback_answer",
    "feedback_code_allocate",
    "feedback_forward",
    "feedback_mark_repeat",
    "feedback_provide_info",
    "feedback_publish",
    "feedback_react",
    "feedback_refuse",
    "feedback_request_info",
    "feedback_submit",
    "feedback_url",
]
