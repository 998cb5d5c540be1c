"""factory_boy factories shared by the whole suite."""

from datetime import date, timedelta

import factory
from django.utils import timezone

from accounts.models import User
from cooperation import models as m
from cooperation.publication import PublicationStatus
from news.models import Article, Category, Topic


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("correct-horse-battery-staple")


class PartnerCountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.PartnerCountry
        django_get_or_create = ["country"]

    country = factory.Iterator(["JP", "RU", "GB", "IL", "CA", "DE", "TH", "FR", "US", "IT"])
    region = m.Region.EUROPE
    since_year = 2010
    summary_zh_hans = "合作概况"
    summary_en = "Cooperation summary"


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Institution

    name_zh_hans = factory.Sequence(lambda n: f"合作机构{n}")
    name_en = factory.Sequence(lambda n: f"Partner Institution {n}")
    slug = factory.Sequence(lambda n: f"institution-{n}")
    country = factory.SubFactory(PartnerCountryFactory)
    kind = m.InstitutionKind.UNIVERSITY


class ResearchFieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.ResearchField

    name_zh_hans = factory.Sequence(lambda n: f"研究领域{n}")
    name_en = factory.Sequence(lambda n: f"Research field {n}")
    slug = factory.Sequence(lambda n: f"field-{n}")


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Unit

    name_zh_hans = factory.Sequence(lambda n: f"单位{n}")
    name_en = factory.Sequence(lambda n: f"Unit {n}")
    slug = factory.Sequence(lambda n: f"unit-{n}")


class ResearcherFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Researcher

    name_zh_hans = factory.Sequence(lambda n: f"研究员{n}")
    name_en = factory.Sequence(lambda n: f"Researcher {n}")
    slug = factory.Sequence(lambda n: f"researcher-{n}")
    unit = factory.SubFactory(UnitFactory)
    title_zh_hans = "教授"
    title_en = "Professor"


class PublishedMixin(factory.django.DjangoModelFactory):
    """Public by default; pass publication_status/published_at to make drafts or schedules."""

    class Meta:
        abstract = True

    publication_status = PublicationStatus.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))


class CooperationProjectFactory(PublishedMixin):
    class Meta:
        model = m.CooperationProject
        skip_postgeneration_save = True

    title_zh_hans = factory.Sequence(lambda n: f"合作项目{n}")
    title_en = factory.Sequence(lambda n: f"Cooperation project {n}")
    slug = factory.Sequence(lambda n: f"project-{n}")
    summary_zh_hans = "项目摘要"
    summary_en = "Project summary"
    kind = m.ProjectKind.JOINT_RESEARCH
    status = m.ProjectStatus.ACTIVE
    start_date = date(2020, 1, 1)
    lead_unit = factory.SubFactory(UnitFactory)

    @factory.post_generation
    def partners(self, create, extracted, **kwargs):
        if create and extracted:
            for institution in extracted:
                m.ProjectPartner.objects.create(project=self, institution=institution)

    @factory.post_generation
    def fields(self, create, extracted, **kwargs):
        if create and extracted:
            for field in extracted:
                m.ProjectResearchField.objects.create(project=self, field=field)


class AwardFactory(PublishedMixin):
    class Meta:
        model = m.Award

    title_zh_hans = factory.Sequence(lambda n: f"奖项{n}")
    title_en = factory.Sequence(lambda n: f"Award {n}")
    slug = factory.Sequence(lambda n: f"award-{n}")
    granting_body_zh_hans = "四川省科学技术厅"
    granting_body_en = "Science & Technology Department of Sichuan Province"
    level = m.AwardLevel.PROVINCIAL
    year = 2022


class AchievementFactory(PublishedMixin):
    class Meta:
        model = m.Achievement

    kind = m.AchievementKind.PAPER
    title_zh_hans = factory.Sequence(lambda n: f"成果{n}")
    title_en = factory.Sequence(lambda n: f"Achievement {n}")
    year = 2021
    project = factory.SubFactory(CooperationProjectFactory)


class ExchangeFactory(PublishedMixin):
    class Meta:
        model = m.Exchange

    kind = m.ExchangeKind.INCOMING_VISIT
    title_zh_hans = factory.Sequence(lambda n: f"交流{n}")
    title_en = factory.Sequence(lambda n: f"Exchange {n}")
    start_date = date(2023, 5, 1)
    country = factory.SubFactory(PartnerCountryFactory)
    people_count = 3


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ["slug"]

    name_zh_hans = "基地动态"
    name_en = "Base news"
    slug = "base-news"


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ["slug"]

    name_zh_hans = factory.Sequence(lambda n: f"主题{n}")
    name_en = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class ArticleFactory(PublishedMixin):
    class Meta:
        model = Article
        skip_postgeneration_save = True

    title_zh_hans = factory.Sequence(lambda n: f"新闻{n}")
    title_en = factory.Sequence(lambda n: f"News item {n}")
    slug = factory.Sequence(lambda n: f"news-{n}")
    summary_zh_hans = "新闻摘要"
    summary_en = "News summary"
    body_zh_hans = "<p>正文</p>"
    body_en = "<p>Body</p>"
    category = factory.SubFactory(CategoryFactory)

    @factory.post_generation
    def related_projects(self, create, extracted, **kwargs):
        if create and extracted:
            self.related_projects.set(extracted)


class PageFactory(PublishedMixin):
    class Meta:
        model = "portal.Page"

    title_zh_hans = factory.Sequence(lambda n: f"页面{n}")
    title_en = factory.Sequence(lambda n: f"Page {n}")
    slug = factory.Sequence(lambda n: f"page-{n}")
    body_zh_hans = "<p>正文</p>"
    body_en = "<p>Body</p>"
