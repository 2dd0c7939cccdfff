"""factory_boy factories shared by every app's tests."""

import factory
from django.contrib.auth import get_user_model

from members.models import Bloc, BlocRole, BlocYear, Membership, Organization, Province

PASSWORD = "khoithidua"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or PASSWORD)
        if create:
            self.save(update_fields=["password"])


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Province
        django_get_or_create = ["name"]

    name = "Yên Bái"


class BlocFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bloc

    name = factory.Sequence(lambda n: f"Khối Thi đua số {n}")
    short_name = factory.Sequence(lambda n: f"Khối {n}")
    slug = factory.Sequence(lambda n: f"khoi-{n}")
    province = factory.SubFactory(ProvinceFactory)


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    bloc = factory.SubFactory(BlocFactory)
    name = factory.Sequence(lambda n: f"Hội thành viên số {n}")
    short_name = factory.Sequence(lambda n: f"Hội {n}")


class BlocYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BlocYear

    bloc = factory.SubFactory(BlocFactory)
    year = 2023
    phase = BlocYear.Phase.SCORING
    province_name = "Yên Bái"
    place_name = "Yên Bái"
    legal_bases = "Căn cứ Luật Thi đua, Khen thưởng;"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    bloc_year = factory.SubFactory(BlocYearFactory)
    organization = factory.SubFactory(
        OrganizationFactory, bloc=factory.SelfAttribute("..bloc_year.bloc")
    )
    position = factory.Sequence(lambda n: n)
    signer_title = "Chủ tịch"
    signer_name = factory.Sequence(lambda n: f"Nguyễn Văn {n}")


class BlocRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BlocRole

    user = factory.SubFactory(UserFactory)
    bloc = factory.SubFactory(BlocFactory)
    kind = BlocRole.Kind.SECRETARIAT


def year_with_members(count: int, *, bloc=None, year: int = 2023, **fields) -> BlocYear:
    """A bloc year with `count` members, the first the head and the second the deputy."""
    bloc_year = BlocYearFactory(bloc=bloc or BlocFactory(), year=year, **fields)
    orgs = OrganizationFactory.create_batch(count, bloc=bloc_year.bloc)
    Membership.objects.bulk_create(
        Membership(
            bloc_year=bloc_year,
            organization=org,
            position=i,
            signer_title="Chủ tịch",
            signer_name=f"Nguyễn Văn {org.pk}",
        )
        for i, org in enumerate(orgs)
    )
    if count >= 2:
        bloc_year.head, bloc_year.deputy = orgs[0], orgs[1]
        bloc_year.save()
    return bloc_year
