"""The domain's model graph, walked through forward foreign keys. Used where a feature must
reach the bloc or year of any model, including models added later (the audit trail's tags,
the bloc export), so neither keeps a list of models."""

from functools import cache

DOMAIN_APPS = frozenset({"members", "pledges", "awards", "khoithidua", "documents"})


@cache
def foreign_key_path(model, target) -> tuple[str, ...] | None:
    """The shortest chain of forward foreign keys from `model` to `target`, e.g.
    ("sheet", "bloc_year") from a Score to BlocYear; () for the target itself; None when
    `target` cannot be reached."""
    frontier = [(model, ())]
    seen = {model}
    while frontier:
        next_frontier = []
        for current, path in frontier:
            if current is target:
                return path
            for field in current._meta.concrete_fields:
                if field.many_to_one or field.one_to_one:
                    related = field.related_model
                    if related not in seen and related._meta.app_label in DOMAIN_APPS:
                        seen.add(related)
                        next_frontier.append((related, (*path, field.name)))
        frontier = next_frontier
    return None
