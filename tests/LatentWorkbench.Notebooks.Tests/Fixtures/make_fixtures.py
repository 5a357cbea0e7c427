"""Writes jupyter-written.ipynb with Jupyter's own serializer (nbformat), for the byte-stable round-trip test.

Run with Debian's python3-nbformat: /usr/bin/python3 make_fixtures.py
"""
import nbformat
from nbformat.v4 import new_notebook, new_code_cell, new_markdown_cell, new_raw_cell, new_output

nb = new_notebook()
nb.metadata = {
    "kernelspec": {"display_name": ".NET (C#)", "language": "C#", "name": ".net-csharp"},
    "language_info": {"name": "csharp"},
    "polyglot_notebook": {"kernelInfo": {"defaultKernelName": "csharp", "items": [{"aliases": [], "name": "csharp"}]}},
    "some_extension": {"nested": {"ratio": 0.1, "whole": 2.0, "small": 1e-05, "big": 12345678901234, "flag": True, "none": None},
                       "list": [1, "two", [3.5]], "unicode": "λ → ∞ ✓", "quote": "say \"hi\"\\ <tag> & 'x'"},
}
md = new_markdown_cell("# Title ✓\n\nSome *prose* with `code`.\n![img](attachment:a.png)", id="md-1")
md.attachments = {"a.png": {"image/png": "iVBORw0KGgo="}}
md.metadata = {"editable": False, "custom": {"k": [1, 2]}}
code = new_code_cell("var x = 1;\nConsole.WriteLine(x);\nx + 1", id="code-1", execution_count=3)
code.metadata = {"dotnet_interactive": {"language": "csharp"}, "polyglot_notebook": {"kernelName": "csharp"},
                 "tags": ["parameters", "x"], "collapsed": False, "scrolled": "auto"}
code.outputs = [
    new_output("stream", name="stdout", text="1\nsecond line\n"),
    new_output("stream", name="stderr", text="warn\tTAB\x01ctl"),
    new_output("display_data", data={"text/plain": "figure\nline2", "text/html": "<div>\n<b>x</b>\n</div>",
                                     "application/vnd.plotly.v1+json": {"data": [{"type": "scatter", "x": [1, 2.5], "y": [3, 4]}], "layout": {"title": {"text": "t"}}},
                                     "image/png": "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="},
               metadata={"image/png": {"width": 10}}),
    new_output("execute_result", data={"text/plain": "2"}, execution_count=3),
    new_output("error", ename="System.Exception", evalue="boom", traceback=["System.Exception: boom", "   in cell 2, line 3"]),
]
empty = new_code_cell("", id="code-2")
raw = new_raw_cell("raw text\n", id="raw-1")
raw.metadata = {"format": "text/x-rst"}
nb.cells = [md, code, empty, raw]
nbformat.validate(nb)
nbformat.write(nb, "jupyter-written.ipynb")
