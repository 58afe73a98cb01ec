"""The Python example of the repository README runs as printed, from the repository root."""

import contextlib
import io
import os
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_readme_python_example_runs():
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("## Python") :]
    block = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    assert len([line for line in block.splitlines() if line.strip()]) <= 12
    out = io.StringIO()
    cwd = os.getcwd()
    try:
        os.chdir(ROOT)
        with contextlib.redirect_stdout(out):
            exec(compile(block, "README.md", "exec"), {})
    finally:
        os.chdir(cwd)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("0 ") and lines[0].endswith(" transient None")
    assert lines[-1].startswith("True ") and len(lines[-1]) == len("True ") + 64
