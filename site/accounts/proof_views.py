"""Public screens that prove a phone number: the activation slip
(``/accounts/activate/<code>/``), setting a password with an SMS code
(``/accounts/sms/``) and verifying one's own number by SMS
(``/accounts/verify-phone/``). Never cached. (The site's Referrer-Policy,
same-origin, keeps the slip's URL from other sites; ``no-referrer`` would
make browsers send ``Origin: null`` with the form and fail the CSRF check.)"""

from django.contrib import messages
from django.contrib.auth import login, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from core.http import private
from core.privacy import mask_name, mask_phone

from . import proof, sms
from .forms import ActivationCodeForm, NewPasswordForm, SmsCodeForm, SmsPasswordForm, SmsPhoneForm
from .throttle import client_address

BACKEND = "accounts.backends.PermissionBackend"  # as in AUTHENTICATION_BACKENDS
SMS_PHONE_KEY = "accounts_sms_phone"


@private
def activate_enter(request):
    """Type the code from the slip (for those who do not scan the QR code)."""
    form = ActivationCodeForm(request.GET if "code" in request.GET else None)
    if form.is_bound and form.is_valid():
        code = proof.normalize_code(form.cleaned_data["code"])
        if code:
            return redirect("accounts:activate", code=code)
        form.add_error("code", _("请输入激活码。"))
    return TemplateResponse(
        request,
        "accounts/activate_enter.html",
        {"form": form, "sms_enabled": sms.sms_enabled()},
        status=400 if form.errors else 200,
    )


@private
def activate(request, code):
    """The slip's QR code leads here: whose slip it is (masked), then the
    member sets a password and is logged in."""
    address = client_address(request)
    try:
        row = proof.open_activation_code(code, address=address)
    except proof.ProofError as error:
        return TemplateResponse(
            request, "accounts/activate_refused.html", {"message": error.message}, status=400
        )
    user = request.user if request.user.is_authenticated else None
    own = user is not None and user.phone == row.phone
    form = NewPasswordForm(
        request.POST if request.method == "POST" and not own else None,
        phone=row.phone,
        name=row.name,
    )
    if request.method == "POST" and (own or form.is_valid()):
        password = None if own else form.cleaned_data["password1"]
        try:
            account = proof.redeem_activation_code(
                code, address=address, password=password, user=user
            )
        except proof.ProofError as error:
            form.add_error(None, error.message)
        else:
            if own:
                update_session_auth_hash(request, account)
            else:
                login(request, account, backend=BACKEND)
            messages.success(request, _("激活成功！以后请用手机号码和刚才设置的密码登录。"))
            return redirect("accounts:me")
    context = {
        "form": form,
        "own": own,
        "other_user": user if user is not None and not own else None,
        "masked_name": mask_name(row.name),
        "masked_phone": mask_phone(row.phone),
        "expires_at": row.expires_at,
    }
    return TemplateResponse(
        request, "accounts/activate.html", context, status=400 if form.errors else 200
    )


@private
def sms_password(request):
    """Where SMS is configured: prove the number with a code and set a
    password (first login, or a forgotten password)."""
    if not sms.sms_enabled():
        raise Http404
    address = client_address(request)
    phone = request.session.get(SMS_PHONE_KEY, "")
    phone_form = SmsPhoneForm(request.POST if request.POST.get("step") == "phone" else None)
    code_form = SmsPasswordForm(
        request.POST if request.POST.get("step") == "code" else None, phone=phone
    )
    if phone_form.is_bound and phone_form.is_valid():
        try:
            proof.send_sms_code(phone_form.cleaned_data["phone"], address=address)
        except proof.ProofError as error:
            phone_form.add_error("phone", error.message)
        else:
            request.session[SMS_PHONE_KEY] = phone_form.cleaned_data["phone"]
            messages.success(request, _("验证码已发送，请查看手机短信。"))
            return redirect("accounts:sms_password")
    elif code_form.is_bound and phone and code_form.is_valid():
        data = code_form.cleaned_data
        try:
            account = proof.claim_phone_by_sms(
                phone, data["code"], data["password1"], address=address
            )
        except proof.ProofError as error:
            code_form.add_error("code" if error.code == "sms_code" else None, error.message)
        else:
            request.session.pop(SMS_PHONE_KEY, None)
            login(request, account, backend=BACKEND)
            messages.success(request, _("密码已设置，您已登录。"))
            return redirect("accounts:me")
    context = {
        "phone_form": phone_form,
        "code_form": code_form,
        "phone": phone,
        "masked_phone": mask_phone(phone),
        "minutes": proof.sms_minutes(),
    }
    failed = phone_form.errors or code_form.errors
    return TemplateResponse(
        request, "accounts/sms_password.html", context, status=400 if failed else 200
    )


@private
@login_required
def verify_phone(request):
    """A logged-in account proves its own number by SMS (e.g. right after
    registering as a volunteer)."""
    user = request.user
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = reverse("accounts:me")
    form = SmsCodeForm(request.POST if request.POST.get("step") == "code" else None)
    if not user.phone_verified and sms.sms_enabled() and request.method == "POST":
        address = client_address(request)
        try:
            if request.POST.get("step") == "send":
                proof.send_sms_code(user.phone, address=address)
                messages.success(request, _("验证码已发送，请查看手机短信。"))
                return redirect(request.get_full_path())
            if form.is_valid():
                proof.verify_own_phone(user, form.cleaned_data["code"], address=address)
                messages.success(request, _("手机号码已验证。"))
                return redirect(next_url)
        except proof.ProofError as error:
            form.add_error("code" if error.code == "sms_code" else None, error.message)
    context = {"form": form, "sms_enabled": sms.sms_enabled(), "next": next_url}
    return TemplateResponse(
        request, "accounts/verify_phone.html", context, status=400 if form.errors else 200
    )
