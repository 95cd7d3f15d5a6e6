"""Forms of the public hotline pages: the report (web and kiosk), feedback, and the filters."""

from __future__ import annotations

from datetime import date, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guichet.datahub.files import MEDIA_KINDS

from . import selectors
from .models import Category, Desk, GridCell, Kind

ACCEPT = ",".join(sorted(kind.content_type for kind in MEDIA_KINDS))
# The order a reporter thinks in: something is wrong, then questions, then the rest.
KIND_ORDER = (
    Kind.REPORT,
    Kind.COMPLAINT,
    Kind.CONSULTATION,
    Kind.HELP,
    Kind.SUGGESTION,
    Kind.PRAISE,
)
# Nothing typed at a kiosk may be offered to the next visitor by the browser.
_KIOSK_TEXT = {"autocomplete": "off", "spellcheck": "false"}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; what they are is for the service to decide, by content."""

    widget = MultipleFileInput

    def clean(self, data, initial=None) -> list:
        uploads = data if isinstance(data, list | tuple) else [data]
        return [upload for upload in uploads if upload]


def category_choices(categories) -> list:
    """The reportable categories grouped as the city groups them, "I don't know" first."""
    ungrouped, groups = [], {}
    for category in categories:
        entry = (category.code, category.display_name)
        if category.group:
            groups.setdefault(category.group, []).append(entry)
        else:
            ungrouped.append(entry)
    return [("", _("I don't know")), *ungrouped, *sorted(groups.items())]


def _attribute_field(attribute: dict) -> forms.Field:
    label = attribute.get("description") or attribute.get("code")
    choices = [
        (str(v.get("key")), v.get("name") or v.get("key")) for v in attribute.get("values", [])
    ]
    datatype = attribute.get("datatype", "string")
    if datatype == "singlevaluelist" and choices:
        return forms.ChoiceField(
            label=label, choices=choices, widget=forms.RadioSelect, required=False
        )
    if datatype == "multivaluelist" and choices:
        return forms.MultipleChoiceField(
            label=label, choices=choices, widget=forms.CheckboxSelectMultiple, required=False
        )
    if datatype == "text":
        return forms.CharField(label=label, widget=forms.Textarea, required=False, max_length=2000)
    return forms.CharField(label=label, required=False, max_length=300)


class ReportForm(forms.Form):
    """What a reporter tells us; the service checks it all again and decides."""

    kind = forms.ChoiceField(
        label=_("What would you like to do?"),
        choices=[(kind.value, kind.label) for kind in KIND_ORDER],
        initial=Kind.REPORT,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what kind of request this is.")},
    )
    category = forms.ChoiceField(
        label=_("What is it about?"),
        required=False,
        help_text=_('Choose "I don\'t know" if nothing fits: we will find who handles it.'),
    )
    title = forms.CharField(
        label=_("In a few words"),
        max_length=200,
        help_text=_('For example: "Deep pothole in front of number 12".'),
        error_messages={"required": _("Say in a few words what the request is about.")},
    )
    description = forms.CharField(
        label=_("Tell us more"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What happened, since when, and anything that helps us act."),
    )
    address = forms.CharField(
        label=_("Address or place"),
        required=False,
        max_length=300,
        help_text=_("An address, a crossing or a landmark."),
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    lat = forms.CharField(required=False, widget=forms.HiddenInput(attrs={"data-geo": "lat"}))
    lon = forms.CharField(required=False, widget=forms.HiddenInput(attrs={"data-geo": "lon"}))
    files = MultipleFileField(
        label=_("Photos or videos"),
        required=False,
        help_text=_("Up to 6 files: JPEG, PNG or WebP photos, MP4 or WebM videos."),
        widget=MultipleFileInput(attrs={"accept": ACCEPT}),
    )
    camera = MultipleFileField(
        label=_("Or take a photo or video now"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": ACCEPT, "capture": "environment"}),
    )
    name = forms.CharField(
        label=_("Your name"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    phone = forms.CharField(
        label=_("Phone number"),
        required=False,
        max_length=20,
        help_text=_("We send your request number and our answer by text message."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    email = forms.CharField(
        label=_("E-mail address"),
        required=False,
        max_length=254,
        widget=forms.TextInput(attrs={"type": "email", "autocomplete": "email"}),
    )
    anonymous = forms.BooleanField(
        label=_("Keep me anonymous to the departments"),
        required=False,
        help_text=_(
            "Only the 12345 call centre will know who you are; the department handling your "
            "request will not see your name or number."
        ),
    )
    company_name = forms.CharField(label=_("Company name"), required=False, max_length=200)
    company_code = forms.CharField(
        label=_("Unified social credit code"), required=False, max_length=18
    )
    industry = forms.CharField(label=_("Industry"), required=False, max_length=60)
    desk = forms.ChoiceField(
        label=_("Which business desk?"),
        required=False,
        choices=[("", _("Not a business question")), *Desk.choices],
    )

    def __init__(self, *args, user=None, kiosk: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.kiosk = kiosk
        self.categories = {c.code: c for c in selectors.reportable_categories()}
        self.fields["category"].widget = (
            forms.RadioSelect() if kiosk else forms.Select(attrs={"data-category-select": ""})
        )
        self.fields["category"].choices = category_choices(self.categories.values())
        self.attribute_fields: dict[str, list[tuple[str, str]]] = {}
        for category in self.categories.values():
            for attribute in sorted(category.attributes, key=lambda a: a.get("order", 0)):
                if not attribute.get("variable", True) or not attribute.get("code"):
                    continue
                field_name = f"attr-{category.code}-{attribute['code']}"
                self.fields[field_name] = _attribute_field(attribute)
                self.attribute_fields.setdefault(category.code, []).append(
                    (attribute["code"], field_name)
                )
        if kiosk:
            for name in ("files", "camera"):
                del self.fields[name]
            for field in self.fields.values():
                if isinstance(field.widget, forms.TextInput | forms.Textarea):
                    field.widget.attrs.update(_KIOSK_TEXT)
        elif user is not None and not self.is_bound:
            self.initial.update(
                {"name": user.full_name, "phone": user.phone or "", "email": user.email or ""}
            )

    # -- For the template ---------------------------------------------------------------------

    def attribute_groups(self) -> list[tuple[Category, list]]:
        """Each category's extra questions: shown together when JavaScript is off."""
        return [
            (self.categories[code], [self[name] for _code, name in fields])
            for code, fields in self.attribute_fields.items()
        ]

    @property
    def company_given(self) -> bool:
        return any(self[name].value() for name in ("company_name", "company_code", "desk"))

    # -- For the view ---------------------------------------------------------------------------

    def uploads(self) -> list:
        data = self.cleaned_data
        return [*data.get("files", []), *data.get("camera", [])]

    def report_fields(self) -> dict:
        """The keyword arguments of services.report, as the reporter gave them."""
        data = self.cleaned_data
        category = self.categories.get(data["category"])
        answers = {}
        for code, field_name in self.attribute_fields.get(data["category"], []):
            answers[code] = data.get(field_name)
        return {
            "kind": data["kind"],
            "category": category,
            "title": data["title"],
            "description": data["description"],
            "address": data["address"],
            "lat": data["lat"] or None,
            "lon": data["lon"] or None,
            "name": data["name"],
            "phone": data["phone"].strip(),
            "email": data["email"].strip(),
            "anonymous": data["anonymous"],
            "company_name": data["company_name"],
            "company_code": data["company_code"].strip().upper(),
            "industry": data["industry"],
            "desk": data["desk"],
            "attributes": answers,
        }


YES_NO = [("yes", _("Yes")), ("no", _("No"))]
RATINGS = [
    ("1", _("1 – very unhappy")),
    ("2", _("2 – unhappy")),
    ("3", _("3 – acceptable")),
    ("4", _("4 – happy")),
    ("5", _("5 – very happy")),
]


class FeedbackForm(forms.Form):
    rating = forms.ChoiceField(
        label=_("How happy are you with how we handled it?"),
        choices=RATINGS,
        widget=forms.RadioSelect,
        error_messages={"required": _("Give a mark from 1 to 5.")},
    )
    resolved = forms.ChoiceField(
        label=_("Is the problem solved, or your question answered?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": _("Tell us whether it is solved.")},
    )
    useful = forms.ChoiceField(
        label=_("Was the business desk's advice useful?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        required=False,
    )
    comment = forms.CharField(
        label=_("Anything you would like to add?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, desk: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not desk:
            del self.fields["useful"]

    def feedback_fields(self) -> dict:
        data = self.cleaned_data
        useful = data.get("useful")
        return {
            "rating": int(data["rating"]),
            "resolved": data["resolved"] == "yes",
            "useful": None if not useful else useful == "yes",
            "comment": data["comment"],
        }


class DateRangeForm(forms.Form):
    """A period of days, both ends included; the default is the last `default_days`."""

    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, default_days: int = 84, max_days: int = 1096, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.default_days, self.max_days = default_days, max_days
        today = timezone.localdate()
        self.initial.setdefault("end", today)
        self.initial.setdefault("start", today - timedelta(days=default_days - 1))

    def clean(self) -> dict:
        data = super().clean()
        if self.errors:
            return data
        end = data.get("end") or timezone.localdate()
        start = data.get("start") or end - timedelta(days=self.default_days - 1)
        if start > end:
            raise forms.ValidationError(_("The start date must come before the end date."))
        if (end - start).days >= self.max_days:
            raise forms.ValidationError(
                _("Choose a period of at most %(days)s days."), params={"days": self.max_days}
            )
        data["start"], data["end"] = start, end
        return data

    def period(self) -> tuple[date, date]:
        if self.is_bound and self.is_valid():
            return self.cleaned_data["start"], self.cleaned_data["end"]
        return self.initial["start"], self.initial["end"]


class MapFilterForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), required=False)
    district = forms.ChoiceField(label=_("District"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        categories = Category.objects.filter(active=True).order_by("code")
        self.fields["category"].choices = [("", _("All categories"))] + [
            (c.code, c.display_name) for c in categories
        ]
        districts = (
            GridCell.objects.order_by("district").values_list("district", flat=True).distinct()
        )
        self.fields["district"].choices = [("", _("All districts"))] + [
            (name, name) for name in districts
        ]
