import pytest

from tests import factories as f


@pytest.mark.django_db
def test_factories_build_a_public_project_with_partners_and_fields():
    institution = f.InstitutionFactory()
    field = f.ResearchFieldFactory()
    project = f.CooperationProjectFactory(partners=[institution], fields=[field])
    assert list(project.partners.all()) == [institution]
    assert list(project.research_fields.all()) == [field]
    assert project.is_public
    f.AwardFactory()
    f.AchievementFactory(project=project)
    f.ExchangeFactory(country=institution.country)
    f.ArticleFactory()
