"""Forms of the hotline's staff pages: the operator's console, dispatch, orders, call-backs.

Forms parse and check the shape of what was typed; the rules (what a request needs, who may
handle what) stay in the services, whose ValidationErrors are put back on the form here.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .models import Category, CellWorker, Desk, DeskManager, Kind, Request, Urgency, WorkOrder
from .services import Target

SAVE, ANSWER = "save", "answer"
SEND, SPLIT, LINK = "send", "split", "link"
ACCEPT, RETURN, REPLY = "accept", "return", "reply"
SPLIT_ROWS = 3
# Keys an operator presses with the browser's access-key modifier to pick the kind of request.
KIND_KEYS = {
    Kind.CONSULTATION: "1",
    Kind.COMPLAINT: "2",
    Kind.HELP: "3",
    Kind.SUGGESTION: "4",
    Kind.REPORT: "5",
    Kind.PRAISE: "6",
}
# Which console field a service's refusal is about (the others go to the top of the form).
CONSOLE_FIELDS = {
    "invalid-phone": "phone",
    "invalid-email": "phone",
    "invalid-location": "lat",
    "upload-rejected": "files",
    "too-many-files": "files",
    "title-required": "title",
    "too-long": "description",
    "unknown-category": "category",
    "unknown-kind": "kind",
    "unknown-urgency": "urgency",
    "unknown-desk": "desk",
    "reply-required": "answer",
}
YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def put_error(form: forms.Form, error: ValidationError, fields: dict[str, str] | None = None):
    """A service's refusal shown on the form, next to the field it is about when we know it."""
    for item in getattr(error, "error_list", [error]):
        field = (fields or {}).get(getattr(item, "code", None) or "")
        form.add_error(field if field in form.fields else None, item)


def _yes_no(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


class KeyedRadioSelect(forms.RadioSelect):
    """Radio buttons with an access key each (the console is used with the keyboard)."""

    def __init__(self, keys: dict[str, str], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.keys = {str(k): v for k, v in keys.items()}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        key = self.keys.get(str(value))
        if key:
            option["attrs"] = {**option["attrs"], "accesskey": key}
        return option


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several photos or videos in one input; their content is checked by the services."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*,video/*"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class CategoryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Category) -> str:
        return obj.display_name


def active_categories():
    return Category.objects.filter(active=True).order_by("group", "code")


def _htmx(url, target: str, trigger: str, include: str = "this") -> dict[str, str]:
    return {"hx-get": url, "hx-target": target, "hx-trigger": trigger, "hx-include": include}


# What the duplicate check looks at, sent along whenever one of them changes.
_DUPLICATE_INPUTS = (
    "[name='category'],[name='lat'],[name='lon'],[name='address'],"
    "[name='title'],[name='description'],[name^='attr_']"
)


class ConsoleForm(forms.Form):
    """One call: who calls, what about, where; saved and dispatched, or answered at once."""

    phone = forms.CharField(
        label=_("Caller's phone"), max_length=30, required=False, widget=forms.TelInput
    )
    name = forms.CharField(label=_("Caller's name"), max_length=200, required=False)
    anonymous = forms.BooleanField(
        label=_("The caller wants to stay anonymous to the departments"), required=False
    )
    kind = forms.ChoiceField(
        label=_("Kind of request"),
        choices=[(k.value, format_lazy("{} [{}]", k.label, key)) for k, key in KIND_KEYS.items()],
        initial=Kind.COMPLAINT,
        widget=KeyedRadioSelect(KIND_KEYS),
        help_text=_("Access keys 1 to 6 choose the kind."),
    )
    category = CategoryChoiceField(
        label=_("Category"),
        queryset=active_categories(),
        required=False,
        empty_label=_("Not sure: the dispatcher decides"),
    )
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices, initial=Urgency.NORMAL)
    title = forms.CharField(
        label=_("In a few words"),
        max_length=200,
        required=False,
        help_text=_("Left empty, the start of the description is used."),
    )
    description = forms.CharField(
        label=_("What the caller says"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    address = forms.CharField(label=_("Address or place"), max_length=300, required=False)
    lat = forms.FloatField(label=_("Latitude"), required=False, min_value=-90, max_value=90)
    lon = forms.FloatField(label=_("Longitude"), required=False, min_value=-180, max_value=180)
    company_code = forms.CharField(
        label=_("Company registration code"), max_length=18, required=False
    )
    company_name = forms.CharField(label=_("Company name"), max_length=200, required=False)
    desk = forms.ChoiceField(
        label=_("Business desk"),
        choices=[("", _("Not a business desk request")), *Desk.choices],
        required=False,
    )
    industry = forms.CharField(label=_("Industry"), max_length=60, required=False)
    files = MultipleFileField(label=_("Photos or videos"), required=False)
    answer = forms.CharField(
        label=_("Answer given on the call"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed for “Answered on the call”: it closes the request at once."),
    )
    q = forms.CharField(
        label=_("Search the answers and services"),
        required=False,
        max_length=200,
        widget=forms.SearchInput,
    )

    def __init__(self, *args, category: Category | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.category = category
        self.fields["category"].queryset = active_categories()
        self.fields["phone"].widget.attrs.update(
            {
                "autofocus": True,
                "inputmode": "tel",
                "autocomplete": "off",
                **_htmx(
                    reverse_lazy("hotline:caller"),
                    "#caller-history",
                    "input changed delay:400ms, change",
                ),
            }
        )
        duplicates = reverse_lazy("hotline:duplicates")
        for field, trigger in (
            ("category", "change"),
            ("lat", "change"),
            ("lon", "change"),
            ("address", "change"),
            ("title", "input changed delay:700ms"),
            ("description", "input changed delay:700ms"),
        ):
            self.fields[field].widget.attrs.update(
                _htmx(duplicates, "#duplicates", trigger, _DUPLICATE_INPUTS)
            )
        self.fields["q"].widget.attrs.update(
            {
                "autocomplete": "off",
                **_htmx(
                    reverse_lazy("hotline:knowledge"),
                    "#knowledge-results",
                    "input changed delay:400ms, search",
                ),
            }
        )
        for attribute in self.attributes():
            self.fields[f"attr_{attribute['code']}"] = _attribute_field(attribute)

    def attributes(self) -> list[dict]:
        """The questions of the chosen category the caller must answer (Open311 attributes)."""
        if self.category is None:
            return []
        return sorted(
            (a for a in self.category.attributes if a.get("code") and a.get("variable", True)),
            key=lambda a: a.get("order", 0),
        )

    def attribute_fields(self) -> list[forms.BoundField]:
        return [self[f"attr_{a['code']}"] for a in self.attributes()]

    def answers(self) -> dict:
        return {a["code"]: self.cleaned_data.get(f"attr_{a['code']}") for a in self.attributes()}

    def clean(self):
        data = super().clean()
        if self.data.get("action") == ANSWER and not (data.get("answer") or "").strip():
            self.add_error("answer", _("Write the answer you gave."))
        return data


def _attribute_field(attribute: dict) -> forms.Field:
    label = attribute.get("description") or attribute["code"]
    values = [
        (str(v.get("key")), v.get("name") or v.get("key")) for v in attribute.get("values", [])
    ]
    datatype = attribute.get("datatype", "string")
    if datatype == "multivaluelist":
        return forms.MultipleChoiceField(
            label=label, choices=values, required=False, widget=forms.CheckboxSelectMultiple
        )
    if datatype == "singlevaluelist":
        return forms.ChoiceField(label=label, choices=[("", "—"), *values], required=False)
    widget = forms.Textarea(attrs={"rows": 2}) if datatype == "text" else forms.TextInput
    return forms.CharField(label=label, required=False, max_length=500, widget=widget)


class MailForm(forms.Form):
    message = forms.FileField(
        label=_("E-mail message (.eml file)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".eml,message/rfc822"}),
    )


class CallbackForm(forms.Form):
    """What the reporter said when called back."""

    number = forms.CharField(widget=forms.HiddenInput, max_length=30)
    rating = forms.TypedChoiceField(
        label=_("Satisfaction (1 to 5)"),
        choices=[(str(n), str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "invalid_choice": _("Give a mark from 1 to 5."),
            "required": _("Give a mark from 1 to 5."),
        },
    )
    resolved = forms.TypedChoiceField(
        label=_("Is it resolved?"),
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether it is resolved.")},
    )
    useful = forms.TypedChoiceField(
        label=_("Was the business desk useful?"),
        choices=[("", _("Not asked")), *YES_NO],
        coerce=_yes_no,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("What the reporter said"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, request: Request, **kwargs):
        kwargs.setdefault("auto_id", f"cb{request.pk}_%s")
        kwargs.setdefault("initial", {"number": request.number})
        super().__init__(*args, **kwargs)
        self.request = request
        if not request.desk:
            del self.fields["useful"]


# ---------------------------------------------------------------------------------------------
# Dispatch


def handler_choices(request: Request) -> list[tuple[str, str]]:
    """The community workers of the request's grid cell and the business-desk managers."""
    choices = [("", _("Nobody in particular"))]
    if request.cell_id:
        for link in CellWorker.objects.filter(
            cell_id=request.cell_id, active=True, worker__is_active=True
        ).select_related("worker"):
            name = link.worker.full_name or link.worker.email
            label = _("Community worker: %(name)s") % {"name": name}
            choices.append((f"worker:{link.worker_id}", label))
    for manager in DeskManager.objects.filter(active=True, user__is_active=True).select_related(
        "user"
    ):
        name = manager.user.full_name or manager.user.email
        choices.append((f"desk:{manager.pk}", f"{manager.get_desk_display()}: {name}"))
    return choices


class DispatchForm(forms.Form):
    """Send to one handler, or split into parts for several departments."""

    category = CategoryChoiceField(
        label=_("Category"),
        queryset=active_categories(),
        required=False,
        empty_label=_("Keep the current category"),
    )
    department_code = forms.CharField(
        label=_("Department"),
        max_length=40,
        required=False,
        help_text=_("Its code; left empty with no handler, the category's usual handler."),
        widget=forms.TextInput(attrs={"list": "departments", "autocomplete": "off"}),
    )
    handler = forms.ChoiceField(label=_("Or a person"), required=False)

    def __init__(self, *args, request: Request, departments: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.departments = {code.upper(): code for code in departments}
        self.fields["category"].queryset = active_categories()
        self.fields["handler"].choices = handler_choices(request)
        for i in range(1, SPLIT_ROWS + 1):
            self.fields[f"part_{i}"] = forms.CharField(
                label=_("Part %(n)s: what to handle") % {"n": i},
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"part_department_{i}"] = forms.CharField(
                label=_("Part %(n)s: department") % {"n": i},
                required=False,
                max_length=40,
                widget=forms.TextInput(attrs={"list": "departments", "autocomplete": "off"}),
            )

    def _department(self, field: str) -> str:
        code = (self.cleaned_data.get(field) or "").strip()
        if code and self.departments and code.upper() not in self.departments:
            self.add_error(field, _("There is no department with this code."))
        return self.departments.get(code.upper(), code)

    def clean(self):
        data = super().clean()
        data["department_code"] = self._department("department_code")
        for i in range(1, SPLIT_ROWS + 1):
            data[f"part_department_{i}"] = self._department(f"part_department_{i}")
        return data

    def part_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"part_{i}"], self[f"part_department_{i}"]) for i in range(1, SPLIT_ROWS + 1)]

    def target(self) -> Target | None:
        """The one handler chosen (None: the category's usual handler)."""
        data = self.cleaned_data
        handler = data.get("handler") or ""
        if handler.startswith("worker:"):
            link = CellWorker.objects.filter(
                cell_id=self.request.cell_id, worker_id=handler.partition(":")[2], active=True
            ).first()
            if link is not None:
                return Target(WorkOrder.Assignee.COMMUNITY, worker=link.worker)
        if handler.startswith("desk:"):
            manager = DeskManager.objects.filter(pk=handler.partition(":")[2], active=True).first()
            if manager is not None:
                return Target(WorkOrder.Assignee.DESK, worker=manager.user, desk=manager.desk)
        code = data.get("department_code", "")
        if code:
            return Target(WorkOrder.Assignee.DEPARTMENT, department_code=code)
        return None

    def parts(self) -> list[Target]:
        """The split: one department order per part row filled in."""
        found = []
        for i in range(1, SPLIT_ROWS + 1):
            text = self.cleaned_data.get(f"part_{i}", "").strip()
            code = self.cleaned_data.get(f"part_department_{i}", "")
            if text or code:
                found.append(Target(WorkOrder.Assignee.DEPARTMENT, department_code=code, part=text))
        return found


class LinkForm(forms.Form):
    parent = forms.CharField(
        label=_("Number of the request it repeats"),
        max_length=30,
        error_messages={"required": _("Give the number of the request it repeats.")},
    )


# ---------------------------------------------------------------------------------------------
# Orders and supervision


class OrderFilterForm(forms.Form):
    OPEN, ALL = "open", "all"
    state = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[(OPEN, _("Open orders")), (ALL, _("All orders")), *WorkOrder.State.choices],
    )


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it is not yours"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The dispatcher reads it and sends the request on."),
    )


class ReplyForm(forms.Form):
    reply = forms.CharField(
        label=_("Reply to the reporter"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    resolution = forms.CharField(
        label=_("What was done"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    files = MultipleFileField(label=_("Photos of the fix"), required=False)


class DecisionForm(forms.Form):
    CLOSE, REOPEN = "close", "reopen"
    decision = forms.ChoiceField(
        label=_("Your decision"),
        choices=[(CLOSE, _("Close it with an explanation")), (REOPEN, _("Send it back once more"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose to close it or to send it back.")},
    )
    note = forms.CharField(
        label=_("What you decided and why"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
