"""Use cases of the mentorship system, between the front ends (handlers/, the scheduler, a web board, another
messenger) and the database.

The contract of a use case (see services/outcome.py):
- it takes the session, the `Actor` (who acts, in which school, under which rules, at which moment) and plain
  values, never a Telegram type;
- it checks the regulation through domain/ — each rule found once, by its clause — and access (who may do this
  to what), raising `Refused(text_key, **args)` when a rule or access says no, with nothing changed;
- it persists through db/repositories, commits once, and returns an `Outcome`: its value and the `Notice`s to
  send (to whom by person id, which text key with which arguments, which buttons as `Open` targets, which
  file). The flow renders the value for the actor; handlers/notifier.py delivers the notices.
"""
