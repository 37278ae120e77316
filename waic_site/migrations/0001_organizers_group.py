from django.db import migrations


def create_group(apps, schema_editor):
    from waic_site.roles import sync_organizers_group

    sync_organizers_group(apps)


def delete_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Organizers").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("exhibitors", "0001_initial"),
        ("speakers", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_group, delete_group)]
