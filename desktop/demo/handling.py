"""How departments handle a dispatched demo case: 派单 → 签收 → 处置 → 办结.

With the twists real handling has: 撤回/改派 before signing, 退单 after it, joint dispatches
whose assisting departments sign, report back or drop out, 申请延期 decided by a supervisor,
挂起/恢复, 督办 of late cases, and cases still stuck past their deadline. A mixin of
desktop.demo.cases.CaseSimulator: it uses the simulator's random source, clock helpers and
the organisation's ids.
"""

from __future__ import annotations

from operator import itemgetter

from desktop.demo import texts
from desktop.demo.org import route_for
from desktop.demo.timefmt import DAY_US, LOCAL_OFFSET_US, US, local_day

MINUTE = 60 * US
HOUR = 60 * MINUTE
DAY = DAY_US
LEAD, ASSIST = "lead", "assist"

P_JOINT = 0.15
P_RECALL = 0.03
P_RETURN = 0.03
P_ASSIST_RETURN = 0.1
P_LATE_SIGN = 0.07
P_STUCK = 0.05  # drags on for weeks past the deadline (supervised, then resolved)
P_STALLED = 0.003  # never resolved: the hard cases a trainer can point at
P_LATE = 0.07  # resolved a few days after the deadline
P_EXTENSION = 0.06
P_APPROVE = 0.85
P_SUSPEND = 0.015
P_SUPERVISE_LATE = 0.5
P_SUPERVISE = 0.01
_WHEN = itemgetter(0)


class DepartmentWork:
    """The dispatch-to-resolution part of a case's life (see the module docstring)."""

    def _departments(self, cat, exclude=()):
        """[(department id, role, on-site staff, acting user)] for a dispatch: a lead from
        the category's route (not one tried before), sometimes with assisting departments."""
        key = (cat.code, exclude)
        route = self._routes.get(key)
        if route is None:
            route = self._routes[key] = self._route(cat, exclude)
        leads, joint = route
        r = self.rnd.random
        lead, pool = leads[int(r() * len(leads))]
        if not pool or r() >= joint:
            return [lead]
        n = len(pool)
        first = int(r() * n)
        if n < 2 or r() < 0.7:
            return [lead, pool[first]]
        second = int(r() * (n - 1))  # another of the pool, uniformly
        return [lead, pool[first], pool[second + (second >= first)]]

    def _route(self, cat, exclude):
        """(leads, chance of a joint dispatch) of a category; each lead with its own pool of
        assisting departments, all as the rows dispatch takes (computed once per category)."""
        leads, assists = route_for(cat.code)
        choices = [d for d in leads if d not in exclude] or [
            d for d in ("sfj", "zfw", "xfj") if d not in exclude
        ]
        ids = self._dept_ids

        def row(code, role):
            d = ids[code]
            return (d, role, self._on_site[d], self._dept_users[d])

        joint = P_JOINT * (2.5 if cat.code[:2] == "08" or cat.code == "0106" else 1)
        return [(row(c, LEAD), [row(d, ASSIST) for d in assists if d != c]) for c in choices], joint

    def _handle(self, life, cat, t, dispatcher, supervisor, *, first) -> int | None:
        """派单 → 签收 → 处置 → 办结, with recalls and returns; the resolve time or None."""
        r = self.rnd.random
        now = self.sim_now
        t = self._after(t, 0.15, 4)
        tried: tuple[str, ...] = ()
        for attempt in range(3):
            if t >= now:
                return None
            tasks = life.dispatch(t, dispatcher, self._departments(cat, exclude=tried))
            lead = tasks[0]
            tried += (self._dept_codes[lead.department_id],)
            t_sign = self._after(t, 8, 60) if r() < P_LATE_SIGN else self._after(t, 0.2, 6)
            if first and attempt == 0 and r() < P_RECALL:
                t_recall = t + int(5 + r() * 55) * MINUTE
                if t_recall < min(t_sign, now):
                    life.recall(t_recall, dispatcher, lead, self._pick(texts.RECALL_NOTES))
                    t = self._after(t_recall, 0.1, 2)
                    continue
            if t_sign >= now:
                return None
            life.sign(t_sign, lead)
            if first and attempt == 0 and r() < P_RETURN:
                t_ret = self._after(t_sign, 1, 40)
                if t_ret >= now:
                    return None
                life.return_task(t_ret, lead, self._pick(texts.RETURN_REASONS))
                t = self._after(t_ret, 0.5, 24)
                continue
            return self._work(life, cat, tasks, t_sign, supervisor, first)
        return None

    def _work(self, life, cat, tasks, t_sign, supervisor, first) -> int | None:
        """处置中: assists sign and report, 延期, 挂起, 督办, then 办结 (or not yet)."""
        r = self.rnd.random
        now = self.sim_now
        lead, assists = tasks[0], tasks[1:]
        t = t_sign
        for task in assists:  # assisting departments sign or drop out after the lead signs
            t = self._after(t, 0.1, 6)
            if t >= now:
                return None
            if r() < P_ASSIST_RETURN:
                life.return_task(t, task, self._pick(texts.RETURN_REASONS))
            else:
                life.sign(t, task)
        due = life.due_at
        stalled = first and r() < P_STALLED
        stuck = stalled or (first and r() < P_STUCK)
        late = stuck or r() < P_LATE
        span = max(due - t, HOUR)
        if stuck:
            t_res = due + int((3 + 40 * r() ** 2) * DAY)
        elif late:
            t_res = due + int((0.3 + 14 * r() ** 2) * DAY)
        else:
            t_res = t + int(span * (0.05 + 0.9 * r() ** 1.6))
        schedule: list[tuple[int, str, object]] = []
        if first and r() < (0.5 if late else P_EXTENSION):
            t_req = self._office(t + span // 2)
            if t_req < t_res:
                schedule.append((t_req, "request", None))
        if first and r() < P_SUSPEND:
            t_sus = self._office(t + int(span * (0.1 + 0.3 * r())))
            if t_sus < t_res:
                schedule.append((t_sus, "suspend", None))
        if late and r() < (0.9 if stuck else P_SUPERVISE_LATE):
            schedule.append((self._office(due + int((0.5 + 2.5 * r()) * DAY)), "supervise", None))
        elif r() < P_SUPERVISE:
            schedule.append((self._office(t + span // 3), "supervise", None))
        for task in assists:
            if task.status == "in_progress":
                schedule.append((self._office(t + int(span * (0.1 + 0.6 * r()))), "report", task))
        schedule.sort(key=_WHEN)
        latest = t
        for at, what, task in schedule:
            if at >= now:
                break
            at = max(at, latest)
            if what == "request":
                at = self._request(life, lead, at, supervisor)
                if life.due_at != due and not stuck:
                    due = life.due_at
                    t_res = max(t_res, at + HOUR)
                    if late and r() < 0.7:  # the extra time was enough
                        t_res = at + int(max(due - at, HOUR) * (0.2 + 0.7 * r()))
            elif what == "suspend":
                resumed = self._suspend(life, at, supervisor)
                if resumed is None:
                    return None  # still waiting on the outside body
                t_res += resumed - at  # the clock stood still meanwhile
                at = resumed
            elif what == "supervise":
                if at < t_res:
                    life.supervise(at, supervisor, self._pick(texts.SUPERVISE_NOTES))
            else:
                life.report(at, task, self._pick(texts.REPORT_NOTES))
            latest = max(latest, at)
        if stalled:
            return None
        t_res = self._office(max(t_res, latest + 10 * MINUTE))
        if t_res >= now or (assists and any(task.active for task in assists)):
            return None
        life.resolve(t_res, lead, self._result(cat))
        return t_res

    def _request(self, life, lead, at, supervisor) -> int:
        """申请延期 and the supervisor's decision; the time of the last step."""
        due_day = local_day(life.due_at) + self._pick((7, 10, 15, 30))
        requested = (due_day + 1) * DAY - LOCAL_OFFSET_US - US
        ext = life.request_extension(at, lead, requested, self._pick(texts.EXTENSION_REASONS))
        decided = self._after(at, 1, 24)
        if decided >= self.sim_now:
            return at
        if self.rnd.random() < P_APPROVE:
            life.approve_extension(decided, supervisor, ext)
        else:
            life.deny_extension(decided, supervisor, ext, self._pick(texts.DENY_NOTES))
        return decided

    def _suspend(self, life, at, supervisor) -> int | None:
        life.suspend(at, supervisor, self._pick(texts.SUSPEND_REASONS))
        resumed = self._after(at, 24, 24 * 12)
        if resumed >= self.sim_now:
            return None
        life.resume(resumed, supervisor)
        return resumed
