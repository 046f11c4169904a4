"""Every URL the server gives out, and the spelling of each kind in URLs, in one place (as
datasette keeps its URLs in one class, datasette/url_builder.py `Urls`).

A resource https://w3id.org/reformkg/id/<kind>/<id> (<id> = node_id(node), e.g. 'nd-118-2025-nd-cp',
'ha-tinh/so-noi-vu') is served at
    rest(node)    its record in the REST API   /legal-documents/<id>, /tasks/<id>, /agencies/<id>, ...
    page(node)    its dereferenceable page     /id/<kind>/<id>, with RDF twins suffixed(page, 'ttl')
    view(node)    its graph view               /view/legal-document/<id>, /view/plan/<id>, ...
Kinds, by the IRI's path segment ('legal', 'task', 'agency', 'group', 'plan', 'target'):
    COLLECTIONS   -> the REST collection ('legal-documents'); collection(kind, **query) its URL,
                     routes(kind) the route patterns of api.rest
    VIEWS         -> the graph view kind ('legal-document'; the kinds of graph.analytics.graph_for);
                     view_route(kind) the route patterns of api.views under VIEW_PREFIX
The rest: HOME, DOCS, OPENAPI, SPARQL (sparql(query, format) a query's URL), with_query(path, params);
PLAN_UPLOAD (POST: plans ingested into the served store, api.plans) and PLAN_FORM (its page for people);
source(plan, lines) the plan's source text, lines highlighted.
"""
from __future__ import annotations

from typing import NamedTuple
from urllib.parse import urlencode

from graph import iri

HOME = "/"
DOCS = "/docs"                  # the offline API reference (api.pages)
OPENAPI = "/openapi.json"
SPARQL = "/sparql"
PAGE_PREFIX = "/id/"            # where the server dereferences https://w3id.org/reformkg/id/<path>
VIEW_PREFIX = "/view"
OVERVIEW = "overview"           # the view of the whole store: /view/overview
VIEW_NEIGHBOURS = "/neighbours"  # under VIEW_PREFIX: ?node=IRI -> a node's neighbours as JSON (api.views)
VIEW_STATIC = "/static"         # under VIEW_PREFIX: the view page's scripts (view_asset)
PLAN_UPLOAD = "/plans"          # POST plan files (api.plans); GET is the REST list (api.rest)
PLAN_FORM = "/plans/new"        # the upload form; mounted before api.rest's /plans/{id}
REVIEW = "/review"              # the review queue, rows by rising confidence (api.review); .json its twin
CORRECTIONS = "/corrections"    # POST a correction of a task's field (api.review, graph.corrections)
SOURCE_SUFFIX = "/source"       # /plans/<id>/source: the plan's source text with numbered lines (source())

COLLECTIONS = {"legal": "legal-documents", "task": "tasks", "agency": "agencies", "group": "agencies",
               "plan": "plans", "target": "targets"}
VIEWS = {"legal": "legal-document", "plan": "plan", "agency": "agency", "group": "agency", "task": "task"}


def kind_of(node: str) -> str:
    """'https://w3id.org/reformkg/id/legal/nd-118-2025-nd-cp' -> 'legal' (node under iri.ID)."""
    return node[len(iri.ID):].split("/", 1)[0]


def node_id(node: str | None) -> str | None:
    """'https://w3id.org/reformkg/id/legal/nd-118-2025-nd-cp' -> 'nd-118-2025-nd-cp'."""
    if not node or not node.startswith(iri.ID):
        return None
    return node[len(iri.ID):].split("/", 1)[-1]


def rest(node: str | None) -> str | None:
    """The REST URL of a resource (/legal-documents/..., /tasks/...), if it has one."""
    if not node or not node.startswith(iri.ID):
        return None
    kind, _, rest_ = node[len(iri.ID):].partition("/")
    return f"{collection(kind)}/{rest_}" if kind in COLLECTIONS and rest_ else None


def page(node: str | None) -> str | None:
    """The local dereferenceable path of a resource IRI: /id/..."""
    return PAGE_PREFIX + node[len(iri.ID):] if node and node.startswith(iri.ID) else None


def view(node: str) -> str | None:
    """The graph view of a resource (/view/legal-document/nd-118-2025-nd-cp), for the kinds that have one."""
    kind = kind_of(node)
    return f"{VIEW_PREFIX}/{VIEWS[kind]}/{node_id(node)}" if kind in VIEWS else None


def collection(kind: str, **query) -> str:
    """A REST collection, filtered: collection('task', plan='000-...', area='digital') ->
    '/tasks?plan=000-...&area=digital'."""
    path = f"/{COLLECTIONS[kind]}"
    return with_query(path, query) if query else path


def source(plan: str, lines: tuple[int, int] | list[int] | None = None) -> str | None:
    """The page of a plan's source text (/plans/<id>/source), its lines `lines` (first, last) highlighted
    and scrolled to: '/plans/<id>/source?lines=629-633#L629'."""
    if not plan or kind_of(plan) != "plan":
        return None
    path = f"{collection('plan')}/{node_id(plan)}{SOURCE_SUFFIX}"
    if not lines:
        return path
    first, last = lines
    return f"{path}?lines={first}-{last}#L{first}"


def suffixed(path: str, suffix: str, query: str | None = None) -> str:
    """A twin of a page in another format: suffixed('/id/plan/x', 'ttl') -> '/id/plan/x.ttl';
    `query` (the request's query string, even empty) is kept after a '?'."""
    return f"{path}.{suffix}" + (f"?{query}" if query is not None else "")


def with_query(path: str, params: dict) -> str:
    """path?params, the parameters percent-encoded ('/' too: agency=ha-tinh%2Fso-noi-vu)."""
    return f"{path}?{urlencode(params)}"


def sparql(query: str, format: str | None = None) -> str:
    """A SPARQL query run by GET, in a `format` of api.negotiate's RESULTS or GRAPHS."""
    return f"{SPARQL}?" + urlencode({"query": query, **({"format": format} if format else {})})


class Routes(NamedTuple):
    list: str          # '/tasks'
    suffixed: str      # '/tasks.{ext}'
    item: str          # '/tasks/{id:path}'
    source: str        # '/plans/{id:path}/source' (plans only; declared before `item`, which would take it)


def routes(kind: str) -> Routes:
    """The route patterns of a REST collection (api.rest)."""
    path = collection(kind)
    return Routes(path, suffixed(path, "{ext}"), path + "/{id:path}", path + "/{id:path}" + SOURCE_SUFFIX)


def view_asset(name: str) -> str:
    """A script of the graph view page: '/view/static/graph_view.js'."""
    return f"{VIEW_PREFIX}{VIEW_STATIC}/{name}"


def view_route(kind: str) -> str:
    """The route pattern of a graph view under VIEW_PREFIX (api.views): '/legal-document/{ref:path}'
    for kind 'legal', '/overview' for OVERVIEW."""
    return f"/{OVERVIEW}" if kind == OVERVIEW else f"/{VIEWS[kind]}/{{ref:path}}"
