"""Digital presence plan (bloc 3, A.6, C.6.1–C.6.4): channels and content, the editorial
calendar, search (keyword plan, on-page SEO audit), the community-management charter, the
crisis playbook and the measures of audience and reputation — in one plan.

Inputs, all kept in the case folder and never overwritten:

* ``presence.yaml`` — the charter's targets per channel (role, formats, posts per week,
  response time, owner, audience targets, organic exports), the editorial calendar (a CSV/XLSX
  file or the entries), the search exports (Search Console, Keyword Planner), the site to audit
  (a URL crawled politely, or a folder of saved pages), the charter and the crisis path;
* ``plan.yaml`` (actions: channel, type, personas, objectives) and ``personas.yaml`` (stated and
  observed channels): the channel × persona × objective matrix;
* ``case.yaml`` — the brand, offer, values and competitors (keyword relevance, brand queries,
  tone), the Google Trends related queries (``watch.trends.files``) and the mentions
  (``data.mentions``: share of voice, bad-buzz episodes).

Layers: :mod:`pilotage.presence.model` (schema) and :mod:`pilotage.presence.exports`
(Search Console, Keyword Planner, Meta Business Suite, calendar readers) read;
:mod:`pilotage.presence.crawl` audits the site; :mod:`pilotage.presence.compute` computes
(pure); :mod:`pilotage.presence.report` builds the ``Document``;
:mod:`pilotage.presence.calendar` writes the calendar as XLSX and ``.ics``;
:mod:`pilotage.presence.commands` wires them for the CLI (``toolkit presence build CASE``) and
the demo.
"""
