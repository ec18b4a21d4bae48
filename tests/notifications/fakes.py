"""A scripted SMS backend for service tests: each send takes the next step of `script`.

settings.MOTCUA_SMS_BACKEND = "tests.notifications.fakes.ScriptedSmsBackend"
fakes.script[:] = [DeliveryError("HTTP 503"), "gw-1"]   # fail once, then send with id gw-1
"""

from motcua.notifications.backends import OutgoingMessage

script: list[Exception | str] = []
calls: list[OutgoingMessage] = []


class ScriptedSmsBackend:
    def send(self, message: OutgoingMessage) -> str:
        calls.append(message)
        step = script.pop(0) if script else "ok"
        if isinstance(step, Exception):
            raise step
        return step
