"""Sending releases to media lists: one message per journalist, exactly once, and the record.

``settings`` reads the ``distribution:`` section and ``mail.rate``; ``message`` builds each
journalist's message; ``plan`` picks the recipients; ``session`` holds one SMTP connection with a
rate limit and retries; ``send`` runs a send against the send log; ``schedule`` queues sends for
``pressroom mail send``; ``bounces`` reads delivery status notifications; ``log`` lists a
release's sends and its distribution for the pickup report.
"""
