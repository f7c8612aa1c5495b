"""Skattning: the group's rating form, reached only through its own link (?w=…&g=<token>)."""

from __future__ import annotations

import hashlib
import json
import secrets
from datetime import datetime

import streamlit as st

from analysis.formatting import format_value

from .. import follow
from ..store import StoreError, UnavailableError
from ..ui import get_store, guarded, lang, language_switch, plain, t
from .shared import GROUP_POLL, show_results, snapshot

SKIP = "skip"


def _current_group():
    store = get_store()
    workshop_id = st.query_params.get("w", "")
    token = st.query_params.get("g", "")
    workshop = store.get_workshop(workshop_id) if workshop_id else None
    group = store.group_by_token(workshop_id, token) if workshop and token else None
    return store, workshop, group


def page() -> None:
    language_switch(st.container())
    store, workshop, group = _current_group()
    token = st.query_params.get("g", "")
    seen = follow.phase(store, workshop.id, token) if workshop is not None and token else None
    if seen is not None:
        _follow_marker(seen)
    if group is None:
        st.error(t("bad_link"))
        return
    st.caption(plain(workshop.title))
    st.header(plain(group.name), anchor=False)
    if workshop.state == "draft":
        st.info(t("form_not_open"))
        return
    round_ = workshop.current_round
    axes = workshop.axes_for_round(round_)
    writable = workshop.group_may_write
    if writable and not workshop.group_may_rate(round_):
        st.info(t("form_locked_revealed"))
    if not writable:
        st.warning(t("form_closed"))
    if round_ == 2:
        st.info(t("form_round2"))
    questions = tuple(store.questions(workshop.id)) if round_ == 1 else ()
    _rating_form(store, workshop, group, axes, round_, writable, questions, seen)
    if workshop.results_visible:
        st.divider()
        st.subheader(t("form_results_heading"), anchor=False)
        show_results(snapshot(workshop.id), read_only=True, key_prefix="group", poll=GROUP_POLL, fold_detail=True)


def _follow_marker(seen: str) -> None:
    """Where survey/client.js learns the phase this page was drawn in (survey.follow) and the hidden button it
    presses when the phase has changed: the whole page runs again, within a second or two and without a touch,
    when the facilitator opens, reveals, hides, starts round 2 or closes, changes the questions, or revokes or
    renews this link. Picks made in the form but not sent stay in the form (it keeps its keys)."""
    with st.container(key="follow"):  # never shown (survey/ui.py's page style)
        st.html(f'<span hidden data-spindeln-follow="{seen}" data-process="{follow.PROCESS}"></span>', width="content")
        st.button(t("follow_button"), key="follow-now")


@st.fragment
@guarded
def _rating_form(store, workshop, group, axes, round_, writable, questions, seen: str) -> None:
    """The group's one form: ratings, comments and, in round 1, its points on the discussion questions, saved
    by its one button (so nothing typed is left behind by pressing the "wrong" button). A fragment: pressing
    the button reruns the form alone, not the results below it, so the confirmation comes at once however
    much the page shows (the store still checks the workshop's state on every write)."""
    if follow.phase(store, workshop.id, group.token) != seen:  # a fragment rerun gets the page's last arguments:
        st.rerun(scope="app")                                  # something changed since, so run the whole page
    lg = lang()
    rate_ok = workshop.group_may_rate(round_)  # else only the discussion points can still be saved
    form = store.saved_form(workshop.id, group.id, round_, answers=bool(questions))
    saved, saved_comments, saved_answers = form.values, form.comments, form.answers
    submitted_before = form.submitted
    options = [*workshop.scale.categories, SKIP]
    labels = {o: t("skip") if o == SKIP else format_value(o, lg) for o in options}

    def fmt(option) -> str:  # Streamlit asks for every option's label several times per pill row
        label = labels.get(option)
        return label if label is not None else format_value(option, lg)

    picked: dict[str, object] = {}
    # The keyed container scopes the phone layout of survey.ui's page style: one row of pills per axis, tight cards.
    with st.container(key="rating-form"), st.form(f"rating-{round_}", border=False):
        st.caption(t("form_intro", min=fmt(workshop.scale.min), max=fmt(workshop.scale.max)) + "  \n"
                   + t("form_keyboard_hint"))
        for axis in axes:
            with st.container(border=True, key=f"axis-{axis.key}"):
                description = axis.description(lg)  # one paragraph with the name: a line less per axis on a phone
                st.markdown(f"**{plain(axis.name(lg))}**" + (f" – {plain(description)}" if description else ""))
                if axis.key in saved:
                    default = SKIP if saved[axis.key] is None else saved[axis.key]
                else:
                    default = None
                picked[axis.key] = st.pills(
                    plain(axis.name(lg)), options, default=default, format_func=fmt, key=f"rate-{round_}-{axis.key}",
                    label_visibility="collapsed", disabled=not rate_ok,
                )
                st.text_input(  # the label stays the field's accessible name; the placeholder shows it
                    t("comment_label"), value=saved_comments.get(axis.key, ""), max_chars=200,
                    key=f"comment-{round_}-{axis.key}", placeholder=t("comment_placeholder"), disabled=not rate_ok,
                    label_visibility="collapsed",
                )
        if questions:
            st.subheader(t("questions_heading"), anchor=False)
            st.caption(t("questions_intro"))
            for q in questions:
                st.text_area(plain(q.text), value="\n".join(saved_answers.get(q.id, [])), key=f"answer-{q.id}",
                             height="content", placeholder=t("answer_placeholder"),  # grows with the points
                             disabled=not writable)
        label = t("update_button") if submitted_before else t("submit_button")
        st.form_submit_button(label, type="primary", width="stretch", key=f"submit-{round_}",
                              disabled=not (rate_ok or (writable and questions)), on_click=_submit,
                              args=(store, workshop.id, group.id, group.token, axes, round_, [q.id for q in questions],
                                    rate_ok))
    with st.container(key="form-status"):  # survey/client.js hides it while a press is on its way
        _client_marker(workshop.id, group.token, round_, (saved, saved_comments, saved_answers))
        error = st.session_state.pop(f"form-error-{round_}", None)  # set only by the button's callback
        if error:
            st.error(error)
            answers_at = st.session_state.pop(f"answers-at-{round_}", None)
            if answers_at is not None:
                st.info(t("answers_saved_ratings_not", time=_clock(answers_at)))
            return
        at = st.session_state.get(f"saved-at-{round_}")
        if at is not None:
            skipped = [a.name(lg) for a in axes if picked.get(a.key) == SKIP]
            st.success(t("form_saved", time=_clock(at)))
            if skipped:
                st.caption(t("form_saved_skipped", axes=plain(", ".join(skipped))))
        elif submitted_before:
            st.info(t("form_already_saved"))


def _client_marker(workshop_id: str, token: str, round_: int, stored) -> None:
    """What survey/client.js needs to keep this form's unsent picks and to tell a saved press from a lost one:
    which form this is (no token in the phone's storage: a digest), a digest of what is stored (a draft is put
    back only onto the answers it started from), this server session (a restarted server is a new one), and
    the acknowledgement of the last press of the button (it changes with every press the server handles)."""
    state = st.session_state
    session = state.setdefault("client-session", secrets.token_hex(8))
    form = hashlib.sha256(f"{workshop_id}|{token}|{round_}".encode()).hexdigest()[:16]
    server = hashlib.sha256(json.dumps(stored, sort_keys=True, default=str).encode()).hexdigest()[:16]
    ack = state.get(f"ack-{round_}", "")
    st.html(f'<span hidden data-spindeln-form="{form}" data-server="{server}" data-session="{session}" '
            f'data-ack="{ack}"></span>', width="content")


def _submit(store, workshop_id: str, group_id: int, token: str, axes, round_: int, question_ids=(),
            rate_ok: bool = True) -> None:
    """The button's callback: it runs before the script, so the one run that follows already shows what is
    stored (the button reads "Spara ändringar", the form the saved values) and the confirmation. It writes
    with the token the page was opened with, so a page left open on a renewed link cannot write."""
    lg = lang()
    state = st.session_state
    state[f"ack-{round_}"] = secrets.token_hex(6)  # whatever the outcome, the page that follows answers this press
    picked = {a.key: state.get(f"rate-{round_}-{a.key}") for a in axes}
    unanswered = [a.name(lg) for a in axes if picked[a.key] is None]
    answers = {qid: _points(state.get(f"answer-{qid}")) for qid in question_ids}
    try:
        if not rate_ok:  # the results are shown: only the points can still change
            state[f"saved-at-{round_}"] = store.save_all_answers(workshop_id, group_id, answers, token=token)
            return
        if unanswered:  # the ratings cannot go in yet; the points typed must not be left behind meanwhile
            state[f"form-error-{round_}"] = t("form_unanswered", axes=plain(", ".join(unanswered)))
            if any(answers.values()):
                state[f"answers-at-{round_}"] = store.save_all_answers(workshop_id, group_id, answers, token=token)
            return
        values = {k: (None if v == SKIP else float(v)) for k, v in picked.items()}
        comments = {a.key: state.get(f"comment-{round_}-{a.key}") or "" for a in axes}
        at = store.submit(workshop_id, group_id, values, round=round_, entered_by="group",
                          comments={k: v for k, v in comments.items() if v.strip()}, answers=answers, token=token)
    except UnavailableError as exc:  # nothing was written: busy (press again) or the disk refuses (say so)
        state[f"form-error-{round_}"] = t("form_busy") if exc.busy else plain(exc.message(lg))
        return
    except StoreError as exc:
        state[f"form-error-{round_}"] = plain(exc.message(lg))
        return
    state[f"saved-at-{round_}"] = at


def _points(text: str | None) -> list[str]:
    """A text box's lines as points, list marks and blank lines dropped."""
    points = [line.strip(" -•\t") for line in (text or "").splitlines()]
    return [p for p in points if p]


def _clock(at: datetime) -> str:
    local = at.astimezone() if at.tzinfo else at
    return local.strftime("%H:%M:%S")
