"""我的数据 for the outbox (core/mail.py): the e-mails the site wrote to an
account, or to its address; erasing the account deletes them."""

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import OutgoingMessage
from .personal_data import PersonalData


def _messages(user):
    mine = Q(recipient=user)
    if user.email:
        mine |= Q(to__iexact=user.email)
    return OutgoingMessage.objects.filter(mine)


def export(user):
    return [
        {
            "to": message.to,
            "subject": message.subject,
            "body": message.body,
            "status": message.get_status_display(),
            "created_at": message.created_at,
            "sent_at": message.sent_at,
        }
        for message in _messages(user).order_by("created_at", "pk")
    ]


def summary(user):
    total = _messages(user).count()
    return [_("网站发给您的邮件 %(n)s 封") % {"n": total}] if total else []


def erase(user, actor, now):
    _messages(user).delete()


def provider():
    return PersonalData(
        key="outgoing_mail",
        label=gettext_lazy("网站发给您的邮件"),
        export=export,
        erase=erase,
        summary=summary,
        erased=gettext_lazy("网站发给您的邮件（发送记录和内容）全部删除。"),
        kept=gettext_lazy("不保留。"),
        order=90,
    )
