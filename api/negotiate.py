"""HTTP content negotiation: the server's offers, and picking one from an Accept header.

RFC 9110 rules: each media range has a q-value (default 1, q=0 means "not this");
an offered type takes the q of the most specific range that matches it (type/subtype
beats type/*, which beats */*); the highest q wins, ties going to the server's order
of preference (the order of `offers`). An offer may carry aliases - e.g. SPARQL
results XML also answers a request for application/xml - but the response is always
labelled with the offer's own media type.

The offers: JSON, CSV and HTML (REST lists and records, resource pages, the SPARQL
query page), RESULTS (SPARQL results: JSON, XML, CSV, TSV) and GRAPHS (RDF: Turtle,
JSON-LD, N-Triples, RDF/XML); media_type(key) labels a response (with a charset for text/*).
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Offer:
    media_type: str               # what the response is labelled with
    key: str                      # short name: 'json', 'csv', 'turtle', ... (the `format` parameter)
    aliases: tuple[str, ...] = ()  # other media types and format names that ask for this offer

    def names(self) -> tuple[str, ...]:
        return (self.media_type,) + self.aliases


def parse_accept(header: str | None) -> list[tuple[str, float, int]]:
    """'text/html, */*;q=0.8' -> [(media range, q, specificity)]; specificity 2 type/subtype, 1 type/*, 0 */*.
    An empty or missing header accepts anything ('*/*')."""
    ranges = []
    for part in (header or "*/*").split(","):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        if media == "*":          # some old clients send a bare '*'
            media = "*/*"
        if "/" not in media:
            continue
        q = 1.0
        for f in fields[1:]:
            name, _, val = f.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(val), 0.0), 1.0)
                except ValueError:
                    q = 0.0       # a garbled q-value must not promote the range
        typ, _, sub = media.partition("/")
        spec = 0 if typ == "*" else (1 if sub == "*" else 2)
        ranges.append((media, q, spec))
    return ranges or [("*/*", 1.0, 0)]


def _quality(offer: Offer, ranges) -> tuple[float, int]:
    """q of the most specific range matching any of the offer's media types, and that specificity."""
    best = (-1.0, -1)
    for name in offer.names():
        if "/" not in name:
            continue
        typ = name.split("/", 1)[0]
        for media, q, spec in ranges:
            if media == name or media == f"{typ}/*" or media == "*/*":
                if spec > best[1] or (spec == best[1] and q > best[0]):
                    best = (q, spec)
    return best


def choose(accept: str | None, offers: list[Offer]) -> Offer | None:
    """The offer the client prefers, or None when it accepts none of them (-> 406)."""
    ranges = parse_accept(accept)
    best, best_key = None, None
    for i, offer in enumerate(offers):
        q, spec = _quality(offer, ranges)
        if q <= 0:
            continue
        key = (q, spec, -i)       # higher q, then an explicit match over a wildcard, then server order
        if best_key is None or key > best_key:
            best, best_key = offer, key
    return best


def by_name(name: str, offers: list[Offer]) -> Offer | None:
    """The offer a `format` parameter or URL suffix names ('csv', 'ttl', 'text/turtle'), or None."""
    name = name.strip().lower()
    for offer in offers:
        if name == offer.key or name in offer.names():
            return offer
    return None


# ---------------------------------------------------------------- the server's offers
JSON = Offer("application/json", "json")
CSV = Offer("text/csv", "csv")
HTML = Offer("text/html", "html", ("application/xhtml+xml",))
RESULTS = [Offer("application/sparql-results+json", "json", ("application/json", "srj")),
           Offer("application/sparql-results+xml", "xml", ("application/xml", "text/xml", "srx")),
           CSV,
           Offer("text/tab-separated-values", "tsv")]
# N-Triples is also valid N3 and Turtle, so it answers clients asking for N3
GRAPHS = [Offer("text/turtle", "turtle", ("application/turtle", "application/x-turtle", "ttl")),
          Offer("application/ld+json", "jsonld", ("application/json", "json-ld", "json")),
          Offer("application/n-triples", "ntriples", ("text/n3", "text/rdf+n3", "application/n3", "nt", "n3",
                                                      "n-triples")),
          Offer("application/rdf+xml", "rdfxml", ("application/xml", "text/xml", "rdf+xml", "rdf", "xml"))]
MEDIA = {o.key: o.media_type for o in RESULTS + GRAPHS + [HTML]}


def media_type(key: str) -> str:
    """The Content-Type of a response in the format `key` of RESULTS, GRAPHS or HTML."""
    t = MEDIA[key]
    return t + "; charset=utf-8" if t.startswith("text/") else t
