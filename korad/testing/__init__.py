"""Local stand-ins for what korad talks to: an OpenAI-compatible server and a fake teacher."""
