from django import forms
from django.utils.translation import gettext_lazy as _


class ErasureForm(forms.Form):
    keep_name = forms.BooleanField(
        label=_("Keep my name on the certificates I have been issued"),
        help_text=_(
            "Then anyone who checks your certificate still sees your name. Otherwise it shows "
            "as issued to a participant, name withheld."
        ),
        required=False,
    )
    password = forms.CharField(
        label=_("Your password, to confirm"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not right."))
        return password
