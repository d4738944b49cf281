"""The one Jinja environment every document renders in.

Sandboxed: a school's own template cannot reach Python internals. Autoescaped: `O'Brien & Zn <b>` appears
literally and the document XML stays valid. Strict: a typo in a template is an error, never an empty field.
Bounded (see limits.py): every loop step and call counts against the render's budget, values that would
grow too large are refused, and a template cannot pull in other files.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from typing import Any

from jinja2 import StrictUndefined, nodes
from jinja2.exceptions import TemplateSyntaxError, UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import missing
from jinja2.visitor import NodeTransformer

from . import limits
from .formatting import LEEG, datum_nl, getal_nl, tekst


class UnknownName(UndefinedError):
    """A name or field a template uses that the context does not have; carries what it was looked up in."""

    def __init__(self, message: str | None, name: Any, obj: Any):
        super().__init__(message)
        self.name, self.obj = name, obj


class _Undefined(StrictUndefined):
    __slots__ = ()

    def __init__(self, hint=None, obj=missing, name=None, exc=UndefinedError):
        if exc is UndefinedError:  # not the sandbox's SecurityError: a name the context lacks
            exc = functools.partial(UnknownName, name=name, obj=obj)
        super().__init__(hint, obj, name, exc)


class OtherFileTag(TemplateSyntaxError):
    """{% include %} and its kin: a template may not read other files. The message is Dutch."""


_OTHER_FILES = (nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)


class _Guard(NodeTransformer):
    """Route every loop and every `~` through the environment, where they are counted and measured."""

    def visit_For(self, node: nodes.For) -> nodes.For:
        self.generic_visit(node)  # changes node in place
        node.iter = _call("opp_loop", node.iter)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Call:
        self.generic_visit(node)  # changes node in place
        return _call("opp_value", node)

    def generic_visit(self, node, *args, **kwargs):
        if isinstance(node, _OTHER_FILES):
            raise OtherFileTag("opp-sjablonen kunnen geen andere bestanden invoegen ({% include %}, "
                               "{% import %}, {% extends %}); zet de tekst in het sjabloon zelf", node.lineno)
        return super().generic_visit(node, *args, **kwargs)


def _call(name: str, arg: nodes.Node) -> nodes.Call:
    return nodes.Call(nodes.EnvironmentAttribute(name, lineno=arg.lineno), [arg], [], None, None, lineno=arg.lineno)


class OppEnvironment(ImmutableSandboxedEnvironment):
    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        try:
            tree = _Guard().visit(tree)
        except TemplateSyntaxError as exc:
            exc.name, exc.filename = name, filename
            raise
        tree.set_environment(self)
        return tree

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 (Jinja's own signature)
        limits.step()
        limits.check_args(args, kwargs)
        return limits.check_value(super().call(__context, __obj, *args, **kwargs))

    def wrap_str_format(self, value):  # Jinja's hook for '...'.format and format_map
        wrapped = super().wrap_str_format(value)
        if wrapped is not None:
            limits.check_format(value.__self__)
        return wrapped

    def call_binop(self, context, operator: str, left, right):
        limits.check_binop(operator, left, right)
        return limits.check_value(super().call_binop(context, operator, left, right))

    def opp_loop(self, iterable: Iterable) -> Iterator:
        for item in iterable:
            limits.step()
            yield item

    @staticmethod
    def opp_value(value: Any) -> Any:
        return value  # measured by call()


def _guarded(name: str, fn):
    @functools.wraps(fn)  # keeps Jinja's pass_context/pass_eval_context marks
    def guarded(*args, **kwargs):
        limits.check_args(args, kwargs)
        if name == "format" and args:
            limits.check_format(args[0])
        return limits.check_value(fn(*args, **kwargs))
    return guarded


def make_environment() -> OppEnvironment:
    env = OppEnvironment(autoescape=True, undefined=_Undefined, keep_trailing_newline=True)
    env.filters["datum"] = datum_nl
    env.filters["getal"] = getal_nl
    env.filters["leeg"] = tekst
    env.filters = {name: _guarded(name, fn) for name, fn in env.filters.items()}
    env.globals["LEEG"] = LEEG
    env.globals["range"] = limits.safe_range
    return env
