"""Gives every course that is live now its 点播本 number, in the order the
catalogue printed them until now (category, then title), and starts the
counter after the last one. Courses published later get the next numbers."""

from django.db import migrations


def number_live_courses(apps, schema_editor):
    CoursePage = apps.get_model("courses", "CoursePage")
    CatalogueCounter = apps.get_model("courses", "CatalogueCounter")
    courses = CoursePage.objects.filter(live=True, catalogue_number=None).order_by(
        "category__sort_order", "category__pk", "title", "pk"
    )
    number = 0
    for number, course in enumerate(courses, start=1):
        CoursePage.objects.filter(pk=course.pk).update(catalogue_number=number)
    CatalogueCounter.objects.update_or_create(pk=1, defaults={"last_number": number})


class Migration(migrations.Migration):
    dependencies = [("courses", "0004_course_catalogue_numbers")]

    operations = [migrations.RunPython(number_live_courses, migrations.RunPython.noop)]
