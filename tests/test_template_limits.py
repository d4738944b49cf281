"""Templates under limits: every hostile template ends in a Dutch template error, naming the template and the
place, within a few seconds; `opp templates check` is bounded the same way."""

from __future__ import annotations

import time

import pytest
from click.testing import CliRunner

from opp.cli import cli
from opp.render import compiled, limits
from opp.render.compiled import CompiledTemplate, TemplateFout
from opp.render.environment import make_environment
from render_helpers import mini_template
from test_template_errors import CONTEXT, ENGLISH

HOSTILE = {
    "nested-range-loops": "{% for i in range(100000) %}{% for j in range(100000) %}.{% endfor %}{% endfor %}",
    "nested-list-loops": "{% set r = range(100000)|list %}{% for i in r %}{% for j in r %}{% endfor %}{% endfor %}",
    "range-overflow": "{{ range(10**9)|list }}",
    "range-huge-step": "{% for i in range(0, 10**18, 1) %}{% endfor %}",
    "string-times": "{{ 'a' * 10**8 }}",
    "list-times": "{{ ([0] * 10**9)|length }}",
    "power": "{{ 2 ** 100000000 }}",
    "recursive-macro": "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}",
    "exponential-macro": "{% macro f(n) %}{% if n < 60 %}{{ f(n+1) }}{{ f(n+1) }}{% endif %}{% endmacro %}{{ f(0) }}",
    "doubling-namespace": "{% set ns = namespace(s='ab') %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}"
                          "{% endfor %}{{ ns.s|length }}",
    "doubling-plus": "{% set ns = namespace(s='ab') %}{% for i in range(60) %}{% set ns.s = ns.s + ns.s %}"
                     "{% endfor %}",
    "doubling-replace": "{% set ns = namespace(s='ab') %}{% for i in range(60) %}"
                        "{% set ns.s = ns.s|replace('a', 'aa') %}{% endfor %}",
    "center-filter": "{{ 'a'|center(10**9) }}",
    "center-method": "{{ 'a'.center(999999999) }}",
    "wide-format-filter": "{{ '%999999999d'|format(1) }}",
    "wide-format-method": "{{ '{:>999999999}'.format(1) }}",
    "wide-percent": "{{ '%999999999d' % 1 }}",
    "huge-output": "{% set big = 'x' * 5000 %}{% for i in range(100000) %}{{ big }}{% endfor %}",
    "huge-static-output": "{% for i in range(100000) %}{% for j in range(9) %}" + "y" * 2000
                          + "{% endfor %}{% endfor %}",
    "include": "{% include 'word/document.xml' %}",
    "import": "{% import 'macros.html' as m %}",
    "from-import": "{% from 'macros.html' import x %}",
    "extends": "{% extends 'basis.docx' %}",
    "class-mro": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "globals": "{{ leerling.__class__.__init__.__globals__ }}",
    "cycler-globals": "{{ cycler.__init__.__globals__.os }}",
    "lipsum-globals": "{{ lipsum.__globals__['os'].popen('id').read() }}",
    "self-context": "{{ self._TemplateReference__context }}",
    "mutate-context": "{% set x = leerling.update({'naam': 'x'}) %}",
    "deep-nesting": "{{ " + "(" * 5000 + "1" + ")" * 5000 + " }}",
    "slow-steps": "{% for i in range(100000) %}{{ range(100000)|sum }}{% endfor %}",
}


@pytest.fixture(autouse=True)
def short_budget(monkeypatch):
    monkeypatch.setattr(limits, "RENDER_SECONDS", 1.5)  # the default is 5 s; the corpus need not wait that long


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_template_ends_in_a_template_error_within_the_budget(tmp_path, name):
    tpl = mini_template(tmp_path / "sjablonen" / "opp.docx", ["Voor", HOSTILE[name], "Na"])
    start = time.monotonic()
    with pytest.raises(TemplateFout) as exc:
        CompiledTemplate(tpl, make_environment()).render(CONTEXT)
    assert time.monotonic() - start < 4
    message = exc.value.bericht
    assert str(tpl) in message
    assert exc.value.plaats  # the place in the template
    assert not ENGLISH.search(message.split("De fout staat rond")[0]), message


def test_the_time_budget_stops_a_slow_template(tmp_path):
    tpl = mini_template(tmp_path / "opp.docx", [HOSTILE["slow-steps"]])
    with pytest.raises(TemplateFout) as exc:
        CompiledTemplate(tpl, make_environment()).render(CONTEXT)
    assert "seconden" in exc.value.reden


def test_memory_error_is_a_template_error(tmp_path):
    env = make_environment()

    def greedy(value):
        raise MemoryError

    env.filters["leeg"] = greedy
    tpl = mini_template(tmp_path / "opp.docx", ["{{ leerling.naam|leeg }}"])
    with pytest.raises(TemplateFout) as exc:
        CompiledTemplate(tpl, env).render(CONTEXT)
    assert exc.value.plaats and "geheugen" in exc.value.reden


def test_an_oversized_template_is_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(compiled, "MAX_TEMPLATE_BYTES", 10_000)
    tpl = mini_template(tmp_path / "opp.docx")
    with pytest.raises(Exception) as exc:
        CompiledTemplate(tpl, make_environment())
    assert str(tpl) in exc.value.bericht


@pytest.mark.parametrize("name", ["nested-range-loops", "doubling-namespace", "include", "recursive-macro"])
def test_templates_check_is_bounded_the_same_way(tmp_path, name):
    tpl = mini_template(tmp_path / "opp.docx", [HOSTILE[name]])
    start = time.monotonic()
    result = CliRunner().invoke(cli, ["templates", "check", str(tpl)], catch_exceptions=False)
    assert time.monotonic() - start < 8
    assert result.exit_code in (1, 2) and str(tpl) in result.output, result.output
    assert "Traceback" not in result.output and "Onverwachte fout" not in result.output


def test_normal_templates_stay_well_inside_the_limits(tmp_path):
    tpl = mini_template(tmp_path / "opp.docx", [
        "{% for i in range(200) %}{{ i }}{% endfor %}", "{{ '-' * 80 }}", "{{ '%05d'|format(42) }}",
        "{% set ns = namespace(n=0) %}{% for t in didactiek %}{% set ns.n = ns.n + 1 %}{% endfor %}{{ ns.n }}",
        "{{ leerling.naam ~ ' (' ~ leerling.klas ~ ')' }}", "{{ 2 ** 10 }}"])
    CompiledTemplate(tpl, make_environment()).render(CONTEXT)
