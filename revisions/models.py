from django.db import models
from django.db.models import Q


class Revision(models.Model):
    """The data's revision: one row, whose token every write to the database renews
    (revisions.reads)."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    token = models.CharField(max_length=32)

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(id=1), name="revision_is_one_row")]

    def __str__(self):
        return self.token
