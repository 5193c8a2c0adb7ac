"""The phone remote's pure parts (no Qt): tokens and the wrong-token limiter, HTTP requests read
and answers written, the remote's actions checked, and the state a phone is sent."""
