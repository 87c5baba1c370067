"""space/app.py on ZeroGPU: the local model's generation is wrapped by ``spaces.GPU`` with a duration
from the answer's token budget; on CPU the same app runs unchanged (the decorator is a no-op)."""

import inspect
import json
import os
import pickle
import subprocess
import sys

from conftest import ROOT
from test_space import load_app

from korad.chat import BackendSpec, ChatRequest, make_backend
from korad.samples import load_sample_reports

ZEROGPU_PROBE = r"""
import importlib.util, inspect, json, sys, types
from datetime import timedelta

# spaces' torch patching needs a CUDA build of torch; this machine's torch is CPU-only. Everything else
# below is the real spaces package in ZeroGPU mode (SPACES_ZERO_GPU=true): its decorator and wrappers.
stub = types.ModuleType("spaces.zero.torch")
for name in ("enter_mode", "patch", "unpatch", "init", "move"):
    setattr(stub, name, lambda *args, **kwargs: None)
stub.pack = stub.size = lambda *args, **kwargs: 0
stub.is_in_bad_fork = lambda: False
sys.modules["spaces.zero.torch"] = stub

spec = importlib.util.spec_from_file_location("korad_space_app", sys.argv[1])
app = importlib.util.module_from_spec(spec)
spec.loader.exec_module(app)

import spaces.zero.client
from spaces.zero.decorator import decorated_cache
from korad.chat import ChatBackend, BackendSpec, make_backend

scheduled = []

def schedule(task_id, request, duration, gpu_size):  # ZeroGPU's scheduler: record the request, grant nothing
    scheduled.append(duration.total_seconds())
    raise RuntimeError("no GPU here")

spaces.zero.client.schedule = schedule

class LocalModel(ChatBackend):
    name = "transformers:org/model"
    max_new_tokens = 512
    def stream(self, request):
        yield "never: the GPU was not granted"

grounded = make_backend(BackendSpec(backend="grounded"))
respond = app.make_respond([LocalModel(), grounded])
report = "FINDINGS: Small right pneumothorax."
model_answer = list(respond("기흉이 있나요?", [], report, "transformers:org/model"))[-1][0]
rules_answer = list(respond("기흉이 있나요?", [], report, grounded.name))[-1][0]
wrapper = app.generate_on_gpu
cells = dict(zip(wrapper.__code__.co_freevars, (c.cell_contents for c in wrapper.__closure__)))
print(json.dumps({
    "marked": hasattr(wrapper, "zerogpu"),
    "cached": decorated_cache.get(wrapper) is wrapper and decorated_cache.get(wrapper.__wrapped__) is wrapper,
    "wrapper_module": inspect.getmodule(wrapper.__code__).__name__,
    "wraps_generator": inspect.isgeneratorfunction(wrapper.__wrapped__),
    "duration_is_ours": cells["duration"] is app.gpu_duration,
    "scheduled": scheduled,
    "expected": app.gpu_seconds(512),
    "model_answer": model_answer,
    "rules_answer": rules_answer,
}))
"""


def test_on_zerogpu_the_local_model_generates_through_spaces_gpu_with_its_token_budget(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text(ZEROGPU_PROBE)
    env = {
        **os.environ,
        "SPACES_ZERO_GPU": "true",
        "SPACES_ZERO_DEVICE_API_URL": "http://127.0.0.1:9/",
        "GRADIO_ANALYTICS_ENABLED": "False",
    }
    result = subprocess.run(
        [sys.executable, str(probe), str(ROOT / "space" / "app.py")],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    found = json.loads(result.stdout.strip().splitlines()[-1])
    # spaces.GPU replaced the function with its generator wrapper, which holds our duration function
    assert found["marked"] and found["cached"] and found["wraps_generator"] and found["duration_is_ours"]
    assert found["wrapper_module"] == "spaces.zero.wrappers"
    # the model's answer asked ZeroGPU for a GPU for the duration of its 512-token budget; the rules never did
    assert found["scheduled"] == [found["expected"]]
    assert "오류" in found["model_answer"] and found["rules_answer"].startswith("네")


def test_on_cpu_spaces_gpu_leaves_generation_as_it_is_and_the_local_model_answers(tiny_model):
    assert "SPACES_ZERO_GPU" not in os.environ
    app = load_app()
    assert inspect.isgeneratorfunction(app.generate_on_gpu) and not hasattr(app.generate_on_gpu, "zerogpu")
    backend = make_backend(BackendSpec(model=str(tiny_model), max_new_tokens=8))
    report = next(row["text"] for row in load_sample_reports())
    answers = list(app.make_respond([backend])("요약해 주세요", [], report))
    assert len(answers) > 1 and answers[-2][0] and "오류" not in answers[-1][0]
    assert app.GPU_BACKENDS[backend.name] is backend


def test_gpu_duration_grows_with_the_token_budget_and_covers_the_slowest_planned_speed():
    app = load_app()
    short, default, long = app.gpu_seconds(64), app.gpu_seconds(256), app.gpu_seconds(2048)
    assert short < default < long
    assert default - short == (256 - 64) / app.GPU_TOKENS_PER_SECOND
    assert default <= 60  # the default budget asks for less than ZeroGPU's 60 s default: served sooner


def test_a_request_crosses_to_the_zerogpu_worker_by_pickle():
    report = next(row["text"] for row in load_sample_reports())
    request = ChatRequest.about(report, "요약해 주세요", [("기흉이 있나요?", "아니요.")])
    assert pickle.loads(pickle.dumps(request)) == request
