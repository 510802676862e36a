"""受理回执 as a small HTML page (the words as the center files them, in Chinese); the UI lays
it out on A5 or A4 and prints it or writes a PDF. Everything the person or the clerk typed is
escaped: text, never markup."""

from __future__ import annotations

from html import escape

from desktop.domain.enums import ClockKind
from desktop.labels import label
from desktop.services.receipt import ReceiptData

PROVISIONAL_NOTE = "（暂定：本年度法定节假日安排公布后，期限可能调整）"


def reply_line(data: ReceiptData) -> str:
    """The promise the paper makes: by when the person hears back, and about what."""
    if data.reply_by is None:
        return "本事项已当场办结。"
    day = f"{data.reply_by.year}年{data.reply_by.month}月{data.reply_by.day}日"
    if data.reply_clock == ClockKind.RESOLVE:
        text = f"本事项已受理，将于{day}前办结并告知办理结果"
    else:
        text = f"将于{day}前告知是否受理"
    return text + (PROVISIONAL_NOTE if data.provisional else "。")


def receipt_html(data: ReceiptData) -> str:
    received = data.received_at.strftime("%Y-%m-%d %H:%M")
    rows = [
        ("登记时间", received),
        ("来源渠道", label("channel", data.channel)),
        ("事项标题", data.title),
        ("事项类别", data.category),
        ("申请人", data.applicant or "（匿名）"),
        ("联系电话", data.phone or "—"),
        ("身份证号", data.id_number or "—"),
    ]
    table = "".join(
        f"<tr><td class='key' width='24%'>{escape(key)}</td><td>{escape(value)}</td></tr>"
        for key, value in rows
    )
    contact = []
    if data.center_phone:
        contact.append(f"联系电话：{escape(data.center_phone)}")
    if data.center_address:
        contact.append(f"地址：{escape(data.center_address)}")
    return f"""<html><head><style>
  body {{ font-size: 10.5pt; }}
  h1 {{ font-size: 16pt; text-align: center; margin: 0; }}
  h2 {{ font-size: 12pt; text-align: center; margin: 2pt 0 8pt 0; font-weight: normal; }}
  td {{ padding: 3pt 4pt; vertical-align: top; }}
  td.key {{ width: 22%; color: #444; }}
  p.reply {{ font-size: 11.5pt; font-weight: bold; margin-top: 10pt; }}
  p.small {{ font-size: 9pt; color: #444; }}
</style></head><body>
<h1>{escape(data.center_name)}</h1>
<h2>受理回执</h2>
<p>编号：<b>{escape(data.number)}</b></p>
<table width="100%" cellspacing="0">{table}</table>
<p class="reply">{escape(reply_line(data))}</p>
<p class="small">如有疑问，请凭本回执编号联系本中心。{"　".join(contact)}</p>
<p>受理人（签名）：________________　{escape(data.clerk)}</p>
<p>日期：{escape(received[:10])}　　　　（本中心盖章）</p>
</body></html>"""
