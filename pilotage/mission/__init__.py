"""Mission report (bloc 3, A.4, C.4.1–C.4.5): the project team, the organisation of the work,
the implementation, the budget and results, the bilan — in one report.

Inputs, all kept in the case folder and never overwritten:

* ``plan.yaml`` — actions (owner, effort, dates, dependencies, skills), the team
  (``team:``: skills, share of time) and the risk register (``risks:``), as for the plan;
* ``mission.yaml`` — what the plan does not hold: days off and workstation adjustments,
  collaboration tools, the task board to import (Trello JSON, Jira CSV or a generic CSV),
  sprints, the RACI, rituals, the meeting log, the issue log, the follow-up of the risks,
  supplier quotes and lessons learnt;
* the actuals imported by ``toolkit pilotage import`` (budget and results: the same figures
  as the dashboard, computed by the same functions).

Layers: :mod:`pilotage.mission.model` (schema) and :mod:`pilotage.mission.boards` (importers)
read; :mod:`pilotage.mission.compute` computes (pure: DataFrames in, frozen results out);
:mod:`pilotage.mission.report` builds the ``Document``; :mod:`pilotage.mission.calendar` writes
the rituals as an ``.ics`` file; :mod:`pilotage.mission.commands` wires them for the CLI
(``toolkit mission build CASE``) and the demo.
"""
