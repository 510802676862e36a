<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <source>Export the case list</source>
        <translation>导出案件列表</translation>
    </message>
    <message>
        <source>case-list.xlsx</source>
        <translation>案件列表.xlsx</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>CaseDetailDialog</name>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>The case could not be loaded.</source>
        <translation>无法加载该案件。</translation>
    </message>
</context>
<context>
    <name>CaseMarkers</name>
    <message>
        <source>Provisional: the official calendar of this year is not known yet; the deadline counts Monday to Friday until an administrator enters it.</source>
        <translation>暂定：该年度的法定节假日安排尚未公布，期限暂按周一至周五计算，待管理员录入后重算。</translation>
    </message>
</context>
<context>
    <name>CasesPage</name>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>{count} cases</source>
        <translation>共 {count} 件</translation>
    </message>
    <message>
        <source>From: {origin} · {count} cases</source>
        <translation>来自：{origin} · {count} 件</translation>
    </message>
    <message>
        <source>The case list could not be loaded. The details are in the log.</source>
        <translation>无法加载案件列表，详细信息已写入日志。</translation>
    </message>
    <message>
        <source>Type a name for these filters first.</source>
        <translation>请先为这组筛选条件输入名称。</translation>
    </message>
    <message>
        <source>Filters saved as “{name}”.</source>
        <translation>筛选条件已保存为“{name}”。</translation>
    </message>
</context>
<context>
    <name>CasesView</name>
    <message>
        <source>Cases</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Back to the queues</source>
        <translation>返回队列</translation>
    </message>
    <message>
        <source>Name for these filters</source>
        <translation>为当前筛选条件命名</translation>
    </message>
    <message>
        <source>Save filters</source>
        <translation>保存筛选</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>My saved filters</source>
        <translation>我的筛选</translation>
    </message>
    <message>
        <source>Export to Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>No case matches these filters.</source>
        <translation>没有符合筛选条件的案件。</translation>
    </message>
</context>
<context>
    <name>ChangePasswordView</name>
    <message>
        <source>Change password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>Choose a new password</source>
        <translation>设置新密码</translation>
    </message>
    <message>
        <source>Your password was set by an administrator. Choose your own to continue.</source>
        <translation>您的密码由管理员设置，请设置自己的新密码后继续。</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>Repeat it</source>
        <translation>确认新密码</translation>
    </message>
    <message>
        <source>Save and continue</source>
        <translation>保存并继续</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ConnectController</name>
    <message>
        <source>Connecting to the database…</source>
        <translation>正在连接数据库…</translation>
    </message>
    <message>
        <source>The database answers but holds no GovDesk data yet. Create the training county with “govdesk demo”, or the tables with “govdesk db upgrade”.</source>
        <translation>数据库可以连接，但还没有工作台数据。请运行“govdesk demo”生成培训演示数据，或运行“govdesk db upgrade”建立数据表。</translation>
    </message>
    <message>
        <source>The database did not answer. Check that the server is running and that the address is right, then retry.</source>
        <translation>数据库没有响应。请确认数据库服务器已启动、地址填写正确，然后重试。</translation>
    </message>
</context>
<context>
    <name>DashboardController</name>
    <message>
        <source>The queue counts could not be loaded. The details are in the log.</source>
        <translation>未能读取各队列的件数，详细信息已写入日志。</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <source>Dashboard</source>
        <translation>工作台</translation>
    </message>
    <message>
        <source>Hello, %1. These are the queues you work on.</source>
        <translation>%1，您好！以下是您负责的工作队列。</translation>
    </message>
    <message>
        <source>My queues</source>
        <translation>我的工作队列</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Wall display (F11)</source>
        <translation>大屏展示 (F11)</translation>
    </message>
    <message>
        <source>Your roles have no work queues.</source>
        <translation>您的角色没有工作队列。</translation>
    </message>
    <message>
        <source>Click a card to open its cases. Counts follow other seats&apos; changes.</source>
        <translation>点击卡片可查看该队列的案件；其他席位办理案件后，件数会自动更新。</translation>
    </message>
    <message>
        <source>Updated %1</source>
        <translation>更新于 %1</translation>
    </message>
</context>
<context>
    <name>DatabaseUrlView</name>
    <message>
        <source>Database settings</source>
        <translation>数据库设置</translation>
    </message>
    <message>
        <source>Database URL</source>
        <translation>数据库地址</translation>
    </message>
    <message>
        <source>For example sqlite:///C:/GovDesk/govdesk.sqlite for one seat, or postgresql://user@server:5432/govdesk for several seats. A password typed here is used for this session only and is never saved.</source>
        <translation>例如单机使用 sqlite:///C:/GovDesk/govdesk.sqlite，多席位共用 postgresql://user@server:5432/govdesk。此处填写的密码仅用于本次运行，不会保存。</translation>
    </message>
</context>
<context>
    <name>ExportController</name>
    <message>
        <source>Export cancelled; no file was written.</source>
        <translation>已取消导出，未写入任何文件。</translation>
    </message>
    <message>
        <source>Exported {count} cases to {path}.</source>
        <translation>已导出 {count} 件到 {path}。</translation>
    </message>
    <message>
        <source>The export failed. The details are in the log.</source>
        <translation>导出失败，详细信息已写入日志。</translation>
    </message>
</context>
<context>
    <name>FiguresController</name>
    <message>
        <source>The figures could not be counted. The details are in the log.</source>
        <translation>统计数据未能计算，详情见日志。</translation>
    </message>
</context>
<context>
    <name>FiguresPanel</name>
    <message>
        <source>Counting the figures…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <source>Month %1 for the rates and categories; open cases and overdue as of now.</source>
        <translation>比率和类别按 %1 月统计；在办和超期为当前数。</translation>
    </message>
    <message>
        <source>No cases yet in your jurisdiction: the figures fill as cases come in.</source>
        <translation>辖区内尚无案件：有案件后这里会显示统计。</translation>
    </message>
    <message>
        <source>vs last month</source>
        <translation>较上月</translation>
    </message>
    <message>
        <source>vs yesterday</source>
        <translation>较昨日</translation>
    </message>
    <message>
        <source>— %1</source>
        <translation>— %1</translation>
    </message>
    <message>
        <source>%1 pts</source>
        <translation>%1 个百分点</translation>
    </message>
    <message>
        <source>No running clock</source>
        <translation>未计时</translation>
    </message>
    <message>
        <source>No street</source>
        <translation>无街道</translation>
    </message>
    <message>
        <source>Dashboard · %1</source>
        <translation>工作台 · %1</translation>
    </message>
    <message>
        <source>Accepted today</source>
        <translation>今日受理</translation>
    </message>
    <message>
        <source>Open cases</source>
        <translation>在办案件</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>超期</translation>
    </message>
    <message>
        <source>Red-card supervision</source>
        <translation>红牌督办</translation>
    </message>
    <message>
        <source>On-time rate this month</source>
        <translation>本月按期办结率</translation>
    </message>
    <message>
        <source>Satisfaction this month</source>
        <translation>本月满意率</translation>
    </message>
    <message>
        <source>Accepted per day, last 90 days (line: 7-day average)</source>
        <translation>近 90 天每日受理量 (折线: 7 日均值)</translation>
    </message>
    <message>
        <source>Open cases by deadline colour</source>
        <translation>在办案件期限颜色</translation>
    </message>
    <message>
        <source>Top categories this month</source>
        <translation>本月受理主要类别</translation>
    </message>
    <message>
        <source>Open cases by street</source>
        <translation>各街道在办案件</translation>
    </message>
    <message>
        <source>How the center stands</source>
        <translation>中心运行态势</translation>
    </message>
    <message>
        <source>Click a bar (or use the arrows and Enter)</source>
        <translation>点击柱条 (或用方向键和回车) 查看案件</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>All streets</source>
        <translation>全部街道</translation>
    </message>
    <message>
        <source>All grids</source>
        <translation>全部网格</translation>
    </message>
    <message>
        <source>Case number, title, party name, or the start of a phone or ID number</source>
        <translation>案件编号、标题、当事人姓名，或电话/身份证号开头</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>登记日期</translation>
    </message>
    <message>
        <source>All channels</source>
        <translation>全部渠道</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>All risks</source>
        <translation>全部风险等级</translation>
    </message>
    <message>
        <source>All deadline colours</source>
        <translation>全部期限颜色</translation>
    </message>
    <message>
        <source>Any supervision</source>
        <translation>全部督办等级</translation>
    </message>
    <message>
        <source>any day</source>
        <translation>不限</translation>
    </message>
</context>
<context>
    <name>LoginController</name>
    <message>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <source>Enter your user name.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <source>Signing in failed unexpectedly. The details are in the log file.</source>
        <translation>登录时发生意外错误，详细信息已写入日志文件。</translation>
    </message>
    <message>
        <source>Enter a new password.</source>
        <translation>请输入新密码。</translation>
    </message>
    <message>
        <source>The two passwords differ. Type the same password twice.</source>
        <translation>两次输入的密码不一致，请重新输入。</translation>
    </message>
    <message>
        <source>You must choose a new password before you can continue.</source>
        <translation>必须先设置新密码才能继续使用。</translation>
    </message>
</context>
<context>
    <name>LoginView</name>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Governance Center Console</source>
        <translation>综治中心工作台</translation>
    </message>
    <message>
        <source>GovDesk · sign in with your account</source>
        <translation>GovDesk · 请使用您的账号登录</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Your user name</source>
        <translation>请输入用户名</translation>
    </message>
    <message>
        <source>Your password</source>
        <translation>请输入密码</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>正在登录…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Governance Center Console</source>
        <translation>综治中心工作台</translation>
    </message>
    <message>
        <source>Governance Center</source>
        <translation>综治中心</translation>
    </message>
    <message>
        <source>GovDesk console</source>
        <translation>社会治理工作台</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>工作台</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>地图</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Roster</source>
        <translation>排班</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Signed in: %1 (%2)</source>
        <translation>当前用户：%1（%2）</translation>
    </message>
    <message>
        <source>Roles: %1</source>
        <translation>角色：%1</translation>
    </message>
    <message>
        <source>Jurisdiction: %1</source>
        <translation>辖区：%1</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <source>Map</source>
        <translation>地图</translation>
    </message>
    <message>
        <source>Grids and micro-grids of your jurisdiction, coloured by open cases</source>
        <translation>辖区内的网格与微网格，按未办结件数着色</translation>
    </message>
    <message>
        <source>Cases as clustered points, with a heat map of hot spots</source>
        <translation>案件点位聚合显示，并以热力图标出高发区域</translation>
    </message>
    <message>
        <source>Click a case on the map to open it; pick a point when registering</source>
        <translation>在地图上点击案件即可打开；登记时可在地图上选点</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Every named queue as a list that pages through a million cases</source>
        <translation>各工作队列的案件列表，百万件也能流畅翻页</translation>
    </message>
    <message>
        <source>Register walk-in, phone and hotline requests, with repeat checks</source>
        <translation>登记来访、来电和热线诉求，并自动查重</translation>
    </message>
    <message>
        <source>Accept, dispatch, sign, resolve and follow up, with the full timeline</source>
        <translation>受理、派单、签收、办结、回访，全程留痕</translation>
    </message>
    <message>
        <source>Roster</source>
        <translation>排班</translation>
    </message>
    <message>
        <source>Which department sits at which window, day by day</source>
        <translation>每天各部门在哪个窗口值守</translation>
    </message>
    <message>
        <source>Check-in at the window, gaps and absences at a glance</source>
        <translation>窗口到岗签到，缺岗、空岗一目了然</translation>
    </message>
    <message>
        <source>Who is on site now, to hand a case over in person</source>
        <translation>现在谁在中心，可当面移交案件</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>The weekly feedback and the monthly dispatch report as Excel</source>
        <translation>“一周一反馈”“一月一调度” Excel 报表</translation>
    </message>
    <message>
        <source>Intake, resolution, on-time and satisfaction rates by street</source>
        <translation>按街道统计受理量、办结率、按期办结率和满意率</translation>
    </message>
    <message>
        <source>Comparison with the previous period and the same period last year</source>
        <translation>与上期环比、与去年同期同比</translation>
    </message>
    <message>
        <source>Coming in a later version</source>
        <translation>将在后续版本中提供</translation>
    </message>
    <message>
        <source>This page will offer:</source>
        <translation>本页将提供：</translation>
    </message>
</context>
<context>
    <name>PreferencesView</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Preferences of this computer</source>
        <translation>本机的偏好设置</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>Applies at once and is remembered.</source>
        <translation>立即生效，下次启动时保留。</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>To use another database, start GovDesk with --db URL, or change it in the dialog shown when the database cannot be reached.</source>
        <translation>如需使用其他数据库，可用 --db 参数启动，或在无法连接数据库时弹出的对话框中修改。</translation>
    </message>
    <message>
        <source>Accounts, categories and deadlines, holidays, grids, departments and windows will be managed here by administrators.</source>
        <translation>管理员今后将在这里维护账号、事项分类与办理时限、节假日、网格、部门和窗口。</translation>
    </message>
</context>
<context>
    <name>ReportsController</name>
    <message>
        <source>Loading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>Your jurisdiction has no center to report on.</source>
        <translation>您的辖区没有可出报表的综治中心。</translation>
    </message>
    <message>
        <source>File: %1</source>
        <translation>文件：%1</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <source>The report&apos;s headline figures. Double-click a row to open its cases.</source>
        <translation>报表的主要指标。双击一行可查看对应案件。</translation>
    </message>
    <message>
        <source>%1 pts</source>
        <translation>%1 个百分点</translation>
    </message>
    <message>
        <source>Report %1 · %2</source>
        <translation>报表 %1 · %2</translation>
    </message>
    <message>
        <source>Choose a center and a period first.</source>
        <translation>请先选择综治中心和报告期。</translation>
    </message>
    <message>
        <source>Save in: the folder “%1” does not exist.</source>
        <translation>保存位置：文件夹“%1”不存在。</translation>
    </message>
    <message>
        <source>Making %1…</source>
        <translation>正在生成 %1…</translation>
    </message>
    <message>
        <source>Making the report: %1</source>
        <translation>正在生成报表：%1</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Cancelled: no file was written.</source>
        <translation>已取消：未写入任何文件。</translation>
    </message>
    <message>
        <source>Save reports in</source>
        <translation>报表保存位置</translation>
    </message>
    <message>
        <source>Weekly report</source>
        <translation>周报</translation>
    </message>
    <message>
        <source>Monthly report</source>
        <translation>月报</translation>
    </message>
    <message>
        <source>Case list export</source>
        <translation>案件清单导出</translation>
    </message>
    <message>
        <source>%1 (no longer there)</source>
        <translation>%1（文件已不存在）</translation>
    </message>
    <message>
        <source>That did not work. The details are in the log.</source>
        <translation>操作未成功，详情见日志。</translation>
    </message>
</context>
<context>
    <name>ReportsView</name>
    <message>
        <source>%1 (%2 to %3)</source>
        <translation>%1（%2 至 %3）</translation>
    </message>
    <message>
        <source> — not yet complete</source>
        <translation> — 尚未结束</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>The weekly feedback and the monthly dispatch report, in one click</source>
        <translation>一周一反馈、一月一调度，一键生成</translation>
    </message>
    <message>
        <source>Weekly report (周报)</source>
        <translation>周报（一周一反馈）</translation>
    </message>
    <message>
        <source>Monthly report (月报)</source>
        <translation>月报（一月一调度）</translation>
    </message>
    <message>
        <source>Case list export</source>
        <translation>案件清单导出</translation>
    </message>
    <message>
        <source>&amp;Report</source>
        <translation>报表类型(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Center</source>
        <translation>综治中心(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Week</source>
        <translation>周(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Month</source>
        <translation>月份(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Queue</source>
        <translation>队列(&amp;Q)</translation>
    </message>
    <message>
        <source>Save &amp;in</source>
        <translation>保存位置(&amp;I)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation>生成(&amp;G)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Open file</source>
        <translation>打开文件</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>The report&apos;s headline figures. Double-click a row to open its cases.</source>
        <translation>报表的主要指标。双击一行可查看对应案件。</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>This period</source>
        <translation>本期</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>上期</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>环比</translation>
    </message>
    <message>
        <source>Recent reports</source>
        <translation>最近生成的报表</translation>
    </message>
    <message>
        <source>No reports made yet.</source>
        <translation>尚未生成报表。</translation>
    </message>
    <message>
        <source>Made</source>
        <translation>生成时间</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Center</source>
        <translation>中心</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>报告期</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Open selected</source>
        <translation>打开所选</translation>
    </message>
</context>
<context>
    <name>TrainingBanner</name>
    <message>
        <source>TRAINING MODE — demo data, not real cases</source>
        <translation>培训模式 — 演示数据，非真实案件</translation>
    </message>
    <message>
        <source>This database is a training copy: its people and cases are synthetic.</source>
        <translation>这是培训用数据库：其中的人员和案件均为虚构。</translation>
    </message>
</context>
<context>
    <name>UnexpectedErrorBox</name>
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <source>Something went wrong. The details were written to the log file.</source>
        <translation>程序出现问题，详细信息已写入日志文件。</translation>
    </message>
</context>
<context>
    <name>UnreachableView</name>
    <message>
        <source>Database unreachable</source>
        <translation>无法连接数据库</translation>
    </message>
    <message>
        <source>Cannot connect to the database</source>
        <translation>无法连接数据库</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>数据库：</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
</context>
<context>
    <name>WallDisplay</name>
    <message>
        <source>Updated %1</source>
        <translation>更新于 %1</translation>
    </message>
    <message>
        <source>Governance center at a glance</source>
        <translation>综治中心实时态势</translation>
    </message>
    <message>
        <source>Esc leaves the wall display</source>
        <translation>按 Esc 退出大屏展示</translation>
    </message>
</context>
</TS>
