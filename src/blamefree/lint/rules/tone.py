"""BL004 and BL105: sentences a learned model reads as blame or hindsight, when rules did not.

The other blame and hindsight rules read specific grammar and explain exactly what they
found. These two are a second opinion for the shapes no rule lists: the model in
`lint/_tone.py` weighs the words of a sentence that has someone in it and speaks only when
it is confident (the threshold is chosen in training so that, in cross-validation, it is
right at least 93 times in 100). Their findings give the model's confidence, and the engine
drops them where a rule already reported the same sentence, so a writer never sees one
sentence flagged twice.

They are `info` by default: a model cannot say exactly why, and on blameless public
postmortems it still speaks on about one text in a hundred, so it should inform the writer
without failing a CI gate. Teams that want it to gate raise the severity in
`.blamefree.toml` (`[lint.severity] BL004 = "warning"`).
"""

from __future__ import annotations

from collections.abc import Iterator

from blamefree.lint._document import Document
from blamefree.lint.rule import Family, Hit, LintContext, Severity, rule
from blamefree.lint.rules._judged import judged_sentences
from blamefree.lint.rules._text import hit_at


@rule(
    "BL004",
    "reads-as-blame",
    Family.BLAME,
    Severity.INFO,
    second_opinion=True,
    message="This sentence reads like blame: it makes a person or team the cause.",
    suggestion=(
        "Say what the system allowed and what people knew at the time, e.g. 'the deploy "
        "went out without a canary because the pipeline did not require one'."
    ),
)
def reads_as_blame(doc: Document, ctx: LintContext) -> Iterator[Hit]:
    """A sentence the learned tone model reads as blame (a second opinion to BL001-BL003).

    Bad: The night supervisor turned off the safety interlock, and the line stopped.
    Bad: Responsibility for the missed alert rests with the analyst, who silenced the pager.
    Good: The night supervisor paused the line at 02:10 so that maintenance could inspect it.
    """
    for judged in judged_sentences(doc, ctx):
        if judged.tone.blame >= judged.tone.hindsight:
            yield hit_at(
                doc,
                judged.start,
                judged.end,
                message=(
                    f"This sentence reads like blame (learned check, "
                    f"{judged.tone.judgement:.0%} sure): it makes a person or team the cause."
                ),
            )


@rule(
    "BL105",
    "reads-as-hindsight",
    Family.HINDSIGHT,
    Severity.INFO,
    second_opinion=True,
    message="This sentence reads like hindsight: it judges a past decision by its outcome.",
    suggestion="Describe what people saw at the time and why their actions made sense then.",
)
def reads_as_hindsight(doc: Document, ctx: LintContext) -> Iterator[Hit]:
    """A sentence the learned tone model reads as hindsight (a second opinion to BL101-BL104).

    Bad: A more careful reviewer would never have approved a migration without an index.
    Bad: Everyone knew the cron host was a single point of failure, yet nothing was done.
    Good: The reviewer approved the migration after the index was added.
    """
    for judged in judged_sentences(doc, ctx):
        if judged.tone.hindsight > judged.tone.blame:
            yield hit_at(
                doc,
                judged.start,
                judged.end,
                message=(
                    f"This sentence reads like hindsight (learned check, "
                    f"{judged.tone.judgement:.0%} sure): it judges a past decision by its "
                    "outcome."
                ),
            )
