# Equality monitoring: one answer per registration through a signed one-time link,
# answers received into a waiting table and stored in shuffled batches, and only the
# month kept.

import random
import uuid

import django.db.models.deletion
from django.db import migrations, models

ANSWER_FIELDS = (
    "age_band",
    "sex",
    "gender_identity",
    "country_of_birth",
    "main_language",
    "english_proficiency",
    "ethnic_group",
    "qualification",
    "disability",
    "religion",
    "sexual_orientation",
)
KEPT_FIELDS = ("event_id", "outreach_activity_id", "source", "record_key", *ANSWER_FIELDS)


def keep_the_month_and_shuffle(apps, schema_editor):
    """Keep only the month of each stored answer, and store the answers again in a
    random order with new ids, so that the order rows were first inserted in (which
    PostgreSQL returns them in) no longer ties an answer to the request that sent it.
    Record keys are kept: the same cell keeps the same noise."""
    response = apps.get_model("engagement", "MonitoringResponse")
    rows = list(response.objects.values(*KEPT_FIELDS, "submitted_on"))
    if not rows:
        return
    random.SystemRandom().shuffle(rows)
    response.objects.all().delete()
    stored = []
    for row in rows:
        month = row.pop("submitted_on").replace(day=1)
        # submitted_on is removed next; until then it holds no more than the month.
        stored.append(response(id=uuid.uuid4(), month=month, submitted_on=month, **row))
    response.objects.bulk_create(stored, batch_size=500)
    if schema_editor.connection.vendor == "postgresql":
        # Check the foreign keys now, so that the table can be altered next.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):

    dependencies = [
        ("engagement", "0005_headway_snapshot"),
    ]

    operations = [
        migrations.AddField(
            model_name="registration",
            name="monitoring_invited",
            field=models.BooleanField(default=False, editable=False, verbose_name="sent the link to the equality questions"),
        ),
        migrations.AddField(
            model_name="registration",
            name="monitoring_done",
            field=models.BooleanField(default=False, editable=False, verbose_name="link to the equality questions used"),
        ),
        migrations.AddField(
            model_name="monitoringresponse",
            name="month",
            field=models.DateField(null=True, verbose_name="month"),
        ),
        migrations.RunPython(keep_the_month_and_shuffle, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="monitoringresponse",
            name="month",
            field=models.DateField(help_text="Only the month is kept: any day in it will do.", verbose_name="month"),
        ),
        migrations.RemoveField(
            model_name="monitoringresponse",
            name="submitted_on",
        ),
        migrations.CreateModel(
            name='PendingMonitoringResponse',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('source', models.CharField(choices=[('online', 'Online form'), ('paper', 'Paper form, typed in by staff')], default='online', max_length=10)),
                ('month', models.DateField(help_text='Only the month is kept: any day in it will do.', verbose_name='month')),
                ('age_band', models.CharField(blank=True, choices=[('under_16', 'Under 16'), ('16_24', '16 to 24'), ('25_34', '25 to 34'), ('35_49', '35 to 49'), ('50_64', '50 to 64'), ('65_74', '65 to 74'), ('75_plus', '75 or over'), ('prefer_not_to_say', 'Prefer not to say')], max_length=30, verbose_name='Age')),
                ('sex', models.CharField(blank=True, choices=[('female', 'Female'), ('male', 'Male'), ('prefer_not_to_say', 'Prefer not to say')], max_length=30, verbose_name='Sex')),
                ('gender_identity', models.CharField(blank=True, choices=[('same', 'Yes, my gender is the same as my sex registered at birth'), ('different', 'No, my gender is different'), ('prefer_not_to_say', 'Prefer not to say')], max_length=30, verbose_name='Gender identity (16 and over)')),
                ('country_of_birth', models.CharField(blank=True, choices=[('uk', 'United Kingdom'), ('europe_eu', 'Outside the UK: European Union'), ('europe_other', 'Outside the UK: rest of Europe'), ('africa', 'Outside the UK: Africa'), ('middle_east_asia', 'Outside the UK: Middle East and Asia'), ('americas_caribbean', 'Outside the UK: the Americas and the Caribbean'), ('oceania_other', 'Outside the UK: Antarctica, Oceania or elsewhere'), ('prefer_not_to_say', 'Prefer not to say')], max_length=30, verbose_name='Country of birth')),
                ('main_language', models.CharField(blank=True, choices=[('english', 'English (or Welsh)'), ('other', 'Another language'), ('prefer_not_to_say', 'Prefer not to say')], max_length=30, verbose_name='Main language')),
                ('english_proficiency', models.CharField(blank=True, choices=[('very_well', 'Very well'), ('well', 'Well'), ('not_well', 'Not well'), ('not_at_all', 'Not at all'), ('prefer_not_to_say', 'Prefer not to say')], max_length=30, verbose_name='How well you speak English')),
                ('ethnic_group', models.CharField(blank=True, choices=[('indian', 'Asian or Asian British: Indian'), ('pakistani', 'Asian or Asian British: Pakistani'), ('bangladeshi', 'Asian or Asian British: Bangladeshi'), ('chinese', 'Asian or Asian British: Chinese'), ('other_asian', 'Asian or Asian British: any other Asian background'), ('caribbean', 'Black, Black British, Caribbean or African: Caribbean'), ('african', 'Black, Black British, Caribbean or African: African'), ('other_black', 'Black, Black British, Caribbean or African: any other background'), ('white_black_caribbean', 'Mixed or multiple: White and Black Caribbean'), ('white_black_african', 'Mixed or multiple: White and Black African'), ('white_asian', 'Mixed or multiple: White and Asian'), ('other_mixed', 'Mixed or multiple: any other background'), ('white_british', 'White: English, Welsh, Scottish, Northern Irish or British'), ('white_irish', 'White: Irish'), ('gypsy_traveller', 'White: Gypsy or Irish Traveller'), ('roma', 'White: Roma'), ('other_white', 'White: any other White background'), ('arab', 'Other ethnic group: Arab'), ('any_other', 'Other ethnic group: any other ethnic group'), ('prefer_not_to_say', 'Prefer not to say')], max_length=30, verbose_name='Ethnic group')),
                ('qualification', models.CharField(blank=True, choices=[('none', 'No qualifications'), ('level_1', 'Level 1 and entry level (for example 1 to 4 GCSEs)'), ('level_2', 'Level 2 (for example 5 or more GCSEs)'), ('apprenticeship', 'Apprenticeship'), ('level_3', 'Level 3 (for example 2 or more A levels)'), ('level_4_plus', 'Level 4 or above (for example a degree)'), ('other', 'Other qualifications, including from abroad'), ('prefer_not_to_say', 'Prefer not to say')], max_length=30, verbose_name='Highest qualification')),
                ('disability', models.CharField(blank=True, choices=[('limited_a_lot', 'Yes, my day-to-day activities are limited a lot'), ('limited_a_little', 'Yes, my day-to-day activities are limited a little'), ('no', 'No'), ('prefer_not_to_say', 'Prefer not to say')], max_length=30, verbose_name='Disability')),
                ('religion', models.CharField(blank=True, choices=[('none', 'No religion'), ('christian', 'Christian'), ('buddhist', 'Buddhist'), ('hindu', 'Hindu'), ('jewish', 'Jewish'), ('muslim', 'Muslim'), ('sikh', 'Sikh'), ('other', 'Any other religion'), ('prefer_not_to_say', 'Prefer not to say')], max_length=30, verbose_name='Religion')),
                ('sexual_orientation', models.CharField(blank=True, choices=[('straight', 'Straight or heterosexual'), ('gay_lesbian', 'Gay or lesbian'), ('bisexual', 'Bisexual'), ('other', 'Another sexual orientation'), ('prefer_not_to_say', 'Prefer not to say')], max_length=30, verbose_name='Sexual orientation (16 and over)')),
                ('event', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='pending_monitoring_responses', to='engagement.event')),
                ('outreach_activity', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='pending_monitoring_responses', to='engagement.outreachactivity')),
            ],
            options={
                'verbose_name': 'monitoring response waiting for the next batch',
                'verbose_name_plural': 'monitoring responses waiting for the next batch',
                'constraints': [models.CheckConstraint(condition=models.Q(('event__isnull', False), ('outreach_activity__isnull', False), _connector='OR'), name='pending_monitoring_has_event_or_activity')],
            },
        ),
    ]
