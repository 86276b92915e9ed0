"""The Five Levers language server over stdio (pygls): diagnostics on open
and change, completion, go to definition, references and hover."""
from __future__ import annotations

import logging

from lsprotocol import types as t
from pygls.lsp.server import LanguageServer
from pygls.workspace.position_codec import ServerTextPosition

from game import __version__
from game.authoring import editor

SEVERITY = {"error": t.DiagnosticSeverity.Error, "warning": t.DiagnosticSeverity.Warning}
KINDS = {"node": t.CompletionItemKind.Class, "ending": t.CompletionItemKind.EnumMember,
         "persona": t.CompletionItemKind.Constant, "flag": t.CompletionItemKind.Variable,
         "behaviour": t.CompletionItemKind.Property, "lever": t.CompletionItemKind.Value,
         "rule": t.CompletionItemKind.Value, "mood": t.CompletionItemKind.Value,
         "outcome": t.CompletionItemKind.Value, "keyword": t.CompletionItemKind.Keyword}


class ScenarioServer(LanguageServer):
    def __init__(self):
        super().__init__("five-levers", __version__, text_document_sync_kind=t.TextDocumentSyncKind.Full)
        self.indexes: dict[str, editor.Index] = {}  # uri -> the last index built from readable YAML


server = ScenarioServer()


def _document(ls: ScenarioServer, uri: str):
    return ls.workspace.get_text_document(uri)


def _client(doc, line: int, column: int) -> t.Position:
    """1-based (line, column) in code points -> an LSP position in the client's units."""
    lines = doc.lines
    return doc.position_codec.position_to_client_units(lines, ServerTextPosition(max(0, line - 1),
                                                                                 max(0, column - 1)))


def _range(doc, line: int, column: int) -> t.Range:
    """From (line, column) to the end of the word there (or of the line)."""
    lines = doc.lines
    text = lines[line - 1].rstrip("\r\n") if 0 < line <= len(lines) else ""
    word = editor.word_at(text, column)
    end = column + len(word[0]) if word and word[1] == column else max(column + 1, len(text) + 1)
    return t.Range(start=_client(doc, line, column), end=_client(doc, line, end))


def _cursor(doc, position: t.Position) -> tuple[str, int]:
    """The cursor's line text and 1-based column (code points)."""
    lines = doc.lines
    at = doc.position_codec.position_from_client_units(lines, position)
    text = lines[at.line].rstrip("\r\n") if at.line < len(lines) else ""
    return text, at.character + 1


def _check(ls: ScenarioServer, uri: str) -> None:
    doc = _document(ls, uri)
    found, index = editor.study(doc.source, doc.path or uri)
    if index is not None:
        ls.indexes[uri] = index
    diagnostics = [t.Diagnostic(range=_range(doc, d.line, d.column), message=d.message,
                                severity=SEVERITY.get(d.severity, t.DiagnosticSeverity.Warning),
                                code=d.code, source="five-levers")
                   for d in found]
    ls.text_document_publish_diagnostics(t.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics,
                                                                    version=doc.version))


@server.feature(t.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: ScenarioServer, params: t.DidOpenTextDocumentParams):
    _check(ls, params.text_document.uri)


@server.feature(t.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: ScenarioServer, params: t.DidChangeTextDocumentParams):
    _check(ls, params.text_document.uri)


@server.feature(t.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: ScenarioServer, params: t.DidSaveTextDocumentParams):
    _check(ls, params.text_document.uri)


@server.feature(t.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: ScenarioServer, params: t.DidCloseTextDocumentParams):
    ls.indexes.pop(params.text_document.uri, None)
    ls.text_document_publish_diagnostics(t.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[]))


@server.feature(t.TEXT_DOCUMENT_COMPLETION, t.CompletionOptions(trigger_characters=[":", " ", "=", "{", ","]))
def completion(ls: ScenarioServer, params: t.CompletionParams):
    doc = _document(ls, params.text_document.uri)
    text, column = _cursor(doc, params.position)
    items = editor.completions(ls.indexes.get(params.text_document.uri), text[:column - 1])
    return t.CompletionList(is_incomplete=False, items=[
        t.CompletionItem(label=label, kind=KINDS.get(kind), detail=detail or None) for label, kind, detail in items])


@server.feature(t.TEXT_DOCUMENT_DEFINITION)
def definition(ls: ScenarioServer, params: t.DefinitionParams):
    doc = _document(ls, params.text_document.uri)
    text, column = _cursor(doc, params.position)
    found = editor.definition(ls.indexes.get(params.text_document.uri), text, column)
    if found is None:
        return None
    return t.Location(uri=params.text_document.uri, range=_range(doc, *found))


@server.feature(t.TEXT_DOCUMENT_REFERENCES)
def references(ls: ScenarioServer, params: t.ReferenceParams):
    doc = _document(ls, params.text_document.uri)
    text, column = _cursor(doc, params.position)
    found = editor.references(ls.indexes.get(params.text_document.uri), text, column,
                              declaration=params.context.include_declaration)
    return [t.Location(uri=params.text_document.uri, range=_range(doc, *where)) for where in found]


@server.feature(t.TEXT_DOCUMENT_HOVER)
def hover(ls: ScenarioServer, params: t.HoverParams):
    doc = _document(ls, params.text_document.uri)
    text, column = _cursor(doc, params.position)
    found = editor.hover(ls.indexes.get(params.text_document.uri), text, column)
    if found is None:
        return None
    return t.Hover(contents=t.MarkupContent(kind=t.MarkupKind.Markdown, value=found))


def run() -> int:
    """Serve on standard input and output until the editor says exit."""
    logging.getLogger("pygls").setLevel(logging.ERROR)
    server.start_io()
    return 0
