"""marketing-toolkit — from a client's real material to the deliverables of a digital-marketing mission.

The shared core lives here: the case folder (:mod:`toolkit.case`), the table reader
(:mod:`toolkit.io`), the document model (:mod:`toolkit.document`), value formatting
(:mod:`toolkit.fmt`), the renderers (:mod:`toolkit.render`), the charts theme
(:mod:`toolkit.charts`), the evaluation grid (:mod:`toolkit.grid`) and the error tree
(:mod:`toolkit.errors`). Domain modules (``veille``, ``personas``, ``plan``, ``pilotage``)
stand on it.

This module imports nothing heavy, so that ``toolkit --help`` stays fast.
"""

__version__ = "0.1.0"

from toolkit._lazy import attach as _attach

_EXPORTS = {
    "load_case": "toolkit.case:load_case",
    "Case": "toolkit.case:Case",
    "read_table": "toolkit.io:read_table",
    "render": "toolkit.render:render",
    "Document": "toolkit.document:Document",
    "ToolkitError": "toolkit.errors:ToolkitError",
}
__all__ = ["__version__", *sorted(_EXPORTS)]
__getattr__, __dir__ = _attach(__name__, _EXPORTS)
