"""Rebuild the stored HTML of chapters and news with the current sanitiser.

The HTML is made on save; rows saved before the sanitiser learnt to drop disguised
off-site addresses (backslashes, tabs, encoded slashes) would keep them until edited.
"""

from django.db import migrations


def rerender(apps, schema_editor):
    from campaigns.markup import render_markdown
    from core.cache import bump_content_version

    changed = False
    for name in ("HandbookChapter", "NewsPost"):
        model = apps.get_model("campaigns", name)
        for pk, body, html in model.objects.values_list("pk", "body", "body_html").iterator():
            rendered = render_markdown(body)
            if rendered.html != html:
                model.objects.filter(pk=pk).update(body_html=rendered.html, toc=rendered.toc)
                changed = True
    if changed:
        bump_content_version()


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0001_initial")]

    operations = [migrations.RunPython(rerender, migrations.RunPython.noop, elidable=True)]
