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
    <message>
        <source>Import a rota</source>
        <translation>导入排班表</translation>
    </message>
    <message>
        <source>Export the rota</source>
        <translation>导出排班表</translation>
    </message>
</context>
<context>
    <name>ActionDialog</name>
    <message>
        <source>— choose —</source>
        <translation>— 请选择 —</translation>
    </message>
</context>
<context>
    <name>ActionForms</name>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>办理结果</translation>
    </message>
    <message>
        <source>Accept the case for handling.</source>
        <translation>受理该案件，进入分流办理。</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>分级</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>Unsatisfied: reopen the case</source>
        <translation>不满意时重新办理</translation>
    </message>
    <message>
        <source>Original case number</source>
        <translation>原件编号</translation>
    </message>
    <message>
        <source>Link this case as a repeat of an earlier one; it closes with it.</source>
        <translation>将本案件作为原件的重复件关联，随原件一并办结。</translation>
    </message>
    <message>
        <source>Decide extension</source>
        <translation>审批延期</translation>
    </message>
    <message>
        <source>Handling record</source>
        <translation>处置记录</translation>
    </message>
    <message>
        <source>%1 task of %2</source>
        <translation>%2的%1任务</translation>
    </message>
    <message>
        <source>Sub-task</source>
        <translation>子任务</translation>
    </message>
    <message>
        <source>New deadline</source>
        <translation>新期限</translation>
    </message>
    <message>
        <source>Save decision</source>
        <translation>保存审批</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>延期申请</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>审批意见</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <source>Deny</source>
        <translation>驳回</translation>
    </message>
    <message>
        <source>Note (required to deny)</source>
        <translation>说明（驳回时必填）</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>承办人</translation>
    </message>
</context>
<context>
    <name>AlertBell</name>
    <message>
        <source>Alerts %1</source>
        <translation>提醒 %1</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>提醒</translation>
    </message>
    <message>
        <source>What needs you: new cases, deadlines, approvals, claims</source>
        <translation>需要您处理的事项：新案件、期限、审批、领取</translation>
    </message>
</context>
<context>
    <name>AlertsController</name>
    <message>
        <source>Nothing needs you now.</source>
        <translation>暂无需要处理的提醒。</translation>
    </message>
    <message>
        <source>Mark all as read</source>
        <translation>全部已读</translation>
    </message>
</context>
<context>
    <name>AttachmentStrip</name>
    <message>
        <source>Photos and files: drop them here, or add them.</source>
        <translation>照片和文件：拖到此处，或点击添加。</translation>
    </message>
    <message>
        <source>%1 file(s), %2 of %3 a case; Del removes the selected one.</source>
        <translation>%1 个附件，共 %2（每件案件上限 %3）；按 Del 删除所选附件。</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>添加附件…</translation>
    </message>
</context>
<context>
    <name>AttachmentsBox</name>
    <message>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>另存为…</translation>
    </message>
</context>
<context>
    <name>BulkController</name>
    <message>
        <source>Dispatch selected cases</source>
        <translation>批量派单</translation>
    </message>
    <message>
        <source>Supervise selected cases</source>
        <translation>批量督办</translation>
    </message>
    <message>
        <source>Set the assignee of selected cases</source>
        <translation>批量指定承办人</translation>
    </message>
    <message>
        <source>Release claims of selected cases</source>
        <translation>批量释放领取</translation>
    </message>
    <message>
        <source>The bulk action failed. The details are in the log.</source>
        <translation>批量操作失败，详细信息已写入日志。</translation>
    </message>
    <message>
        <source>Changed by someone else since the list showed it</source>
        <translation>列表显示之后，该案件已被他人修改</translation>
    </message>
</context>
<context>
    <name>BulkDialog</name>
    <message>
        <source>%1 selected cases</source>
        <translation>已选择 %1 件案件</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>承办人</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
</context>
<context>
    <name>BulkSummaryDialog</name>
    <message>
        <source>%1 cases done, %2 refused.</source>
        <translation>%1 件已办理，%2 件未办理。</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件编号</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>CaseController</name>
    <message>
        <source>The database cannot be reached. Your input is kept; the action will be sent by itself when the connection is back, even if you close this window.</source>
        <translation>数据库暂时无法连接。已填写的内容会保留；连接恢复后将自动提交此操作，即使关闭本窗口也会提交。</translation>
    </message>
    <message>
        <source>After the other change this action is no longer possible.</source>
        <translation>他人修改后，该操作已不能执行。</translation>
    </message>
    <message>
        <source>Someone else changed the case meanwhile; your input is kept.</source>
        <translation>该案件已被他人修改，您填写的内容已保留。</translation>
    </message>
    <message>
        <source>Attach a file</source>
        <translation>选择附件</translation>
    </message>
    <message>
        <source>Save attachment as</source>
        <translation>附件另存为</translation>
    </message>
    <message>
        <source>The case could not be loaded or saved. The details are in the log.</source>
        <translation>案件加载或保存失败，详细信息已写入日志。</translation>
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
    <name>CaseTabsWindow</name>
    <message>
        <source>Cases</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>No case is open. Open one from a queue.</source>
        <translation>尚未打开案件，请从队列中打开。</translation>
    </message>
</context>
<context>
    <name>CaseView</name>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source> (provisional)</source>
        <translation>（临时期限）</translation>
    </message>
    <message>
        <source> · suspended</source>
        <translation> · 已挂起</translation>
    </message>
    <message>
        <source>Deadline %1</source>
        <translation>期限 %1</translation>
    </message>
    <message>
        <source>Risk: %1</source>
        <translation>风险：%1</translation>
    </message>
    <message>
        <source>Held by %1 since %2 (lapses %3)</source>
        <translation>%1 自 %2 起领取（%3 失效）</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Show the full personal data (the look is logged)</source>
        <translation>显示完整个人信息（查看将被记录）</translation>
    </message>
    <message>
        <source>Original</source>
        <translation>原件</translation>
    </message>
    <message>
        <source>Repeat</source>
        <translation>重复件</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>受理回执</translation>
    </message>
    <message>
        <source>Show on map</source>
        <translation>在地图上查看</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>来源渠道</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>事项类别</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>分级</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>登记时间</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Point</source>
        <translation>坐标</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>办理结果</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>诉求内容</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <source>Parties</source>
        <translation>当事人</translation>
    </message>
    <message>
        <source>Sub-tasks</source>
        <translation>子任务</translation>
    </message>
    <message>
        <source>Related cases</source>
        <translation>关联案件</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>身份</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号码</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>承办人</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Dispatched</source>
        <translation>派单时间</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>签收时间</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Decide extension</source>
        <translation>审批延期</translation>
    </message>
    <message>
        <source>Handling record</source>
        <translation>处置记录</translation>
    </message>
</context>
<context>
    <name>CasesPage</name>
    <message>
        <source>Nothing left to take in this queue.</source>
        <translation>本队列已没有可领取的案件。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>{count} cases</source>
        <translation>共 {count} 件</translation>
    </message>
    <message>
        <source>No case matches these filters.</source>
        <translation>没有符合筛选条件的案件。</translation>
    </message>
    <message>
        <source>There is no case in this list.</source>
        <translation>这个列表里暂时没有案件。</translation>
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
        <source>Select the cases to show on the map first.</source>
        <translation>请先选中要在地图上查看的案件。</translation>
    </message>
    <message>
        <source>The map shows the first %1 of the selected cases.</source>
        <translation>地图只显示选中案件的前 %1 件。</translation>
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
        <source>Show on map</source>
        <translation>在地图上查看</translation>
    </message>
    <message>
        <source>Ring the selected cases on the map (at most %1)</source>
        <translation>在地图上圈出选中的案件（最多 %1 件）</translation>
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
        <source>Take next</source>
        <translation>取下一件</translation>
    </message>
    <message>
        <source>Take the oldest case nobody holds and open it (Ctrl+T)</source>
        <translation>领取最早一件无人领取的案件并打开（Ctrl+T）</translation>
    </message>
    <message>
        <source>No case matches these filters.</source>
        <translation>没有符合筛选条件的案件。</translation>
    </message>
</context>
<context>
    <name>CategoryPicker</name>
    <message>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>问题类别</translation>
    </message>
    <message>
        <source>Name or pinyin initials</source>
        <translation>名称或拼音首字母（如 ldzy）</translation>
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
    <name>ConflictDialog</name>
    <message>
        <source>Changed by someone else</source>
        <translation>案件已被他人修改</translation>
    </message>
    <message>
        <source>While you were working on “%1”, someone else saved this case. Their changes are below. What you typed is kept.</source>
        <translation>在您办理“%1”期间，他人保存了对该案件的修改，修改内容如下。您填写的内容已保留。</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Apply your input to the case as it is now, or go back to your form?</source>
        <translation>按案件的当前版本提交您填写的内容，还是返回继续修改？</translation>
    </message>
    <message>
        <source>Apply to the current version</source>
        <translation>按当前版本提交</translation>
    </message>
    <message>
        <source>Back to my form</source>
        <translation>返回修改</translation>
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
    <name>ConnectionBanner</name>
    <message>
        <source>The database does not answer; reconnecting by itself. Last contact: %1. Open windows and everything typed are kept.</source>
        <translation>数据库连接已中断，正在自动重新连接。最后一次成功联系：%1。已打开的窗口和输入的内容都会保留。</translation>
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
    <name>DispatchDialog</name>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>On site now</source>
        <translation>当前在岗</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>承办人</translation>
    </message>
    <message>
        <source>Departments</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>The case is already dispatched: add assisting departments.</source>
        <translation>该案件已派单，可增加协办部门。</translation>
    </message>
    <message>
        <source>On site</source>
        <translation>在岗</translation>
    </message>
    <message>
        <source>Lead department of %1</source>
        <translation>%1 主办</translation>
    </message>
    <message>
        <source>Assisting department %1</source>
        <translation>%1 协办</translation>
    </message>
    <message>
        <source>(department decides)</source>
        <translation>（由部门指定）</translation>
    </message>
    <message>
        <source>Choose the lead department</source>
        <translation>请选择主办部门</translation>
    </message>
    <message>
        <source>Choose at least one assisting department</source>
        <translation>请至少选择一个协办部门</translation>
    </message>
</context>
<context>
    <name>DraftKeeper</name>
    <message>
        <source>The form could not be kept on this computer: %1</source>
        <translation>登记表草稿无法保存在本机：%1</translation>
    </message>
</context>
<context>
    <name>DraftsDialog</name>
    <message>
        <source>(no title yet)</source>
        <translation>（尚无标题）</translation>
    </message>
    <message>
        <source>%1 attachment(s)</source>
        <translation>%1 个附件</translation>
    </message>
    <message>
        <source>Unsaved registration forms</source>
        <translation>未保存的登记表</translation>
    </message>
    <message>
        <source>These forms were being filled in when GovDesk last closed without saving them. Restore one to carry on where you left off.</source>
        <translation>以下登记表在上次关闭前尚未保存。恢复一份即可从中断处继续填写。</translation>
    </message>
    <message>
        <source>Restore (Enter)</source>
        <translation>恢复（Enter）</translation>
    </message>
    <message>
        <source>Discard (Del)</source>
        <translation>丢弃（Del）</translation>
    </message>
    <message>
        <source>Later (Esc)</source>
        <translation>稍后（Esc）</translation>
    </message>
    <message>
        <source>Press Discard again to delete this form for good; what was typed is lost.</source>
        <translation>再按一次“丢弃”将永久删除这份登记表，已填写的内容不可恢复。</translation>
    </message>
</context>
<context>
    <name>DutyDialog</name>
    <message>
        <source>(nobody: a gap)</source>
        <translation>（无人：空岗）</translation>
    </message>
    <message>
        <source>Change duty</source>
        <translation>调整班次</translation>
    </message>
    <message>
        <source>The month is published: record a swap, leave or cover; it shows as a change.</source>
        <translation>本月排班已发布：请登记换班、请假或代班，将在表中标为变更。</translation>
    </message>
    <message>
        <source>Set the person</source>
        <translation>更换人员</translation>
    </message>
    <message>
        <source>Add a duty here</source>
        <translation>在此新增班次</translation>
    </message>
    <message>
        <source>Swap (换班) with another duty</source>
        <translation>与另一班次换班</translation>
    </message>
    <message>
        <source>Leave (请假)</source>
        <translation>请假</translation>
    </message>
    <message>
        <source>Cover (代班) by a colleague</source>
        <translation>同事代班</translation>
    </message>
    <message>
        <source>&amp;Action</source>
        <translation>操作(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Duty</source>
        <translation>班次(&amp;D)</translation>
    </message>
    <message>
        <source>De&amp;partment</source>
        <translation>部门(&amp;P)</translation>
    </message>
    <message>
        <source>P&amp;erson</source>
        <translation>人员(&amp;E)</translation>
    </message>
    <message>
        <source>Swap &amp;with</source>
        <translation>换班对象(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Through</source>
        <translation>截止日期(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Colleague</source>
        <translation>代班人(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Open tasks</source>
        <translation>在办任务(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>备注(&amp;N)</translation>
    </message>
    <message>
        <source>Hand the absent person&apos;s open tasks to the colleague</source>
        <translation>请假人的在办任务一并转给代班人</translation>
    </message>
</context>
<context>
    <name>EditDialog</name>
    <message>
        <source>Save changes</source>
        <translation>保存修改</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>诉求内容</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>事项类别</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>(unchanged)</source>
        <translation>（不变）</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>latitude, longitude (WGS-84)</source>
        <translation>纬度, 经度（WGS-84）</translation>
    </message>
    <message>
        <source>Point</source>
        <translation>坐标</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>身份</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号码</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Parties</source>
        <translation>当事人</translation>
    </message>
    <message>
        <source>Add a party</source>
        <translation>添加当事人</translation>
    </message>
    <message>
        <source>Why the ticked parties are removed</source>
        <translation>填写删除所选当事人的原因</translation>
    </message>
    <message>
        <source>Reason for removal</source>
        <translation>删除原因</translation>
    </message>
    <message>
        <source>Give the point as latitude, longitude</source>
        <translation>请按“纬度, 经度”填写坐标</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>没有需要保存的修改。</translation>
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
    <name>FormDialog</name>
    <message>
        <source>Confirm (Ctrl+Enter)</source>
        <translation>确认（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Close without saving (Esc)</source>
        <translation>不保存并关闭（Esc）</translation>
    </message>
    <message>
        <source>Someone else has changed this case since this dialog opened. Your input is kept; saving will show what changed before anything is overwritten.</source>
        <translation>此对话框打开后，其他人修改了本案件。您的输入已保留；保存时会先显示对方的修改，不会直接覆盖。</translation>
    </message>
    <message>
        <source>Please fill in %1</source>
        <translation>请填写%1</translation>
    </message>
</context>
<context>
    <name>FormFiles</name>
    <message>
        <source>The file “%1” could not be read: %2</source>
        <translation>无法读取文件“%1”：%2</translation>
    </message>
    <message>
        <source>Not found with the unsaved form, add again: %1</source>
        <translation>草稿中找不到以下附件，请重新添加：%1</translation>
    </message>
    <message>
        <source>Photos, documents and recordings</source>
        <translation>照片、文档和录音</translation>
    </message>
    <message>
        <source>All files</source>
        <translation>所有文件</translation>
    </message>
    <message>
        <source>Add files to the case</source>
        <translation>为案件添加附件</translation>
    </message>
</context>
<context>
    <name>GeoImportController</name>
    <message>
        <source>Boundary file</source>
        <translation>边界文件</translation>
    </message>
    <message>
        <source>Boundaries (*.geojson *.json *.zip);;All files (*)</source>
        <translation>边界文件 (*.geojson *.json *.zip);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Choose a file first.</source>
        <translation>请先选择文件。</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>Repaired: </source>
        <translation>已修复：</translation>
    </message>
    <message>
        <source>%1 features have problems: nothing can be imported until the file is corrected.</source>
        <translation>有 %1 个要素存在问题：修正文件后才能导入。</translation>
    </message>
    <message>
        <source>Ready to import: %1 new, %2 changed, %3 unchanged.</source>
        <translation>可以导入：新建 %1，修改 %2，未变 %3。</translation>
    </message>
    <message>
        <source>Imported: %1 new, %2 changed, %3 unchanged.</source>
        <translation>已导入：新建 %1，修改 %2，未变 %3。</translation>
    </message>
    <message>
        <source> %1 cases moved to the grid their point lies in.</source>
        <translation>已把 %1 件案件改到其坐标所在的网格。</translation>
    </message>
    <message>
        <source> %1 cases now lie in another grid and kept theirs.</source>
        <translation>有 %1 件案件的坐标现落在其他网格，网格未改。</translation>
    </message>
    <message>
        <source>The file could not be read. The details are in the log.</source>
        <translation>无法读取该文件，详情见日志。</translation>
    </message>
    <message>
        <source>Feature %1 (%2): </source>
        <translation>第 %1 个要素 (%2)：</translation>
    </message>
</context>
<context>
    <name>GeoImportDialog</name>
    <message>
        <source>Import boundaries</source>
        <translation>导入边界</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>层级</translation>
    </message>
    <message>
        <source>Coordinates</source>
        <translation>坐标系</translation>
    </message>
    <message>
        <source>Parent code</source>
        <translation>上级编码</translation>
    </message>
    <message>
        <source>Tolerance (m)</source>
        <translation>容差（米）</translation>
    </message>
    <message>
        <source>GeoJSON, or a shapefile in a .zip</source>
        <translation>GeoJSON，或装有 shapefile 的 .zip</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>WGS-84 (GPS)</source>
        <translation>WGS-84（GPS）</translation>
    </message>
    <message>
        <source>CGCS2000 (EPSG:4490)</source>
        <translation>CGCS2000（EPSG:4490）</translation>
    </message>
    <message>
        <source>GCJ-02 (AMap, Tencent)</source>
        <translation>GCJ-02（高德、腾讯）</translation>
    </message>
    <message>
        <source>BD-09 (Baidu)</source>
        <translation>BD-09（百度）</translation>
    </message>
    <message>
        <source>Only for new places without a parent</source>
        <translation>仅用于没有上级的新建地点</translation>
    </message>
    <message>
        <source>Move cases whose point now lies in another grid</source>
        <translation>把坐标已落在其他网格的案件改到新网格</translation>
    </message>
    <message>
        <source>Check the file</source>
        <translation>检查文件</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>GridPanel</name>
    <message>
        <source>Loading the grid…</source>
        <translation>正在加载网格…</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>所属社区</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Residents</source>
        <translation>人口</translation>
    </message>
    <message>
        <source>%1 people, %2 households</source>
        <translation>%1 人，%2 户</translation>
    </message>
    <message>
        <source>Micro-grids</source>
        <translation>微网格</translation>
    </message>
    <message>
        <source>All cases</source>
        <translation>案件总数</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已超期</translation>
    </message>
    <message>
        <source>No grid workers recorded</source>
        <translation>尚未登记网格人员</translation>
    </message>
    <message>
        <source>Cases by status</source>
        <translation>各状态案件</translation>
    </message>
    <message>
        <source>Grid workers and police</source>
        <translation>网格人员与社区民警</translation>
    </message>
    <message>
        <source>Open these cases in the queue</source>
        <translation>在案件列表中查看本网格案件</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>ImportPreviewDialog</name>
    <message>
        <source>Import the rota</source>
        <translation>导入排班表</translation>
    </message>
    <message>
        <source>%1 cells would change. Apply them?</source>
        <translation>将修改 %1 处排班，确定导入吗？</translation>
    </message>
</context>
<context>
    <name>IntakeController</name>
    <message>
        <source>The categories and grids could not be loaded. The details are in the log.</source>
        <translation>无法加载事项类别和网格，详情见日志。</translation>
    </message>
    <message>
        <source>The lookup failed. The details are in the log.</source>
        <translation>查询失败，详情见日志。</translation>
    </message>
    <message>
        <source>Risk colour: %1 (from the number of people)</source>
        <translation>风险等级：%1（按涉及人数）</translation>
    </message>
    <message>
        <source>No category matches “%1”.</source>
        <translation>没有与“%1”匹配的事项类别。</translation>
    </message>
    <message>
        <source>No grid of your area matches “%1”.</source>
        <translation>您的辖区内没有与“%1”匹配的网格。</translation>
    </message>
    <message>
        <source>The point “%1” is not “latitude, longitude”, e.g. 40.05, 110.1</source>
        <translation>坐标“%1”格式不正确，应为“纬度, 经度”，如 40.05, 110.1</translation>
    </message>
    <message>
        <source>The case could not be saved. Nothing was saved; the details are in the log.</source>
        <translation>案件未能保存，未写入任何内容，详情见日志。</translation>
    </message>
    <message>
        <source>Not saved. Press Esc again to discard what was typed, or keep typing.</source>
        <translation>尚未保存。再按 Esc 放弃已填写的内容，或继续填写。</translation>
    </message>
</context>
<context>
    <name>IntakeLauncher</name>
    <message>
        <source>%1 unsaved form(s) older than %2 days were deleted.</source>
        <translation>已删除 %1 份超过 %2 天未保存的登记表草稿。</translation>
    </message>
</context>
<context>
    <name>IntakeSidePanel</name>
    <message>
        <source>Who is this person?</source>
        <translation>此人以往来访情况</translation>
    </message>
    <message>
        <source>Possible &amp;repeats (last 30 days)</source>
        <translation>可能的重复件（近 30 天）(&amp;R)</translation>
    </message>
    <message>
        <source>Alt+R, then Space ticks a case: the new one is saved as its repeat (重复件).</source>
        <translation>按 Alt+R 再按空格键勾选一件：新案件保存时将关联为其重复件。</translation>
    </message>
    <message>
        <source>Looking up…</source>
        <translation>正在查询…</translation>
    </message>
    <message>
        <source>Type a phone or ID number to see this person&apos;s earlier cases.</source>
        <translation>输入电话或身份证号码，即可查看此人以往的案件。</translation>
    </message>
    <message>
        <source>(anonymous)</source>
        <translation>（匿名）</translation>
    </message>
    <message>
        <source>%1 has %2 earlier case(s) in your area.</source>
        <translation>%1 在您的辖区内以往有 %2 件案件。</translation>
    </message>
    <message>
        <source> (%1 m)</source>
        <translation>（%1 米）</translation>
    </message>
    <message>
        <source>Why: %1</source>
        <translation>原因：%1</translation>
    </message>
    <message>
        <source>No possible repeats so far.</source>
        <translation>暂无可能的重复件。</translation>
    </message>
</context>
<context>
    <name>IntakeView</name>
    <message>
        <source>Register a case (一窗受理)</source>
        <translation>一窗受理 · 登记案件</translation>
    </message>
    <message>
        <source>Register a case</source>
        <translation>一窗受理</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>来源渠道</translation>
    </message>
    <message>
        <source>Work-order no.</source>
        <translation>工单号</translation>
    </message>
    <message>
        <source>Received at</source>
        <translation>接收时间</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>事项类别</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>诉求内容</translation>
    </message>
    <message>
        <source>Parties</source>
        <translation>当事人</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Point</source>
        <translation>坐标</translation>
    </message>
    <message>
        <source>People involved</source>
        <translation>涉及人数</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>保存方式</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>办理结果</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>Type characters or pinyin initials, e.g. lljf</source>
        <translation>输入汉字或拼音首字母，如 lljf</translation>
    </message>
    <message>
        <source>One line: what is the matter</source>
        <translation>一句话概括诉求</translation>
    </message>
    <message>
        <source>Type a grid name or code</source>
        <translation>输入网格名称或编码</translation>
    </message>
    <message>
        <source>Latitude, longitude (optional), e.g. 40.05, 110.1</source>
        <translation>纬度, 经度（可选），如 40.05, 110.1</translation>
    </message>
    <message>
        <source>The 12345 work-order number</source>
        <translation>12345 热线工单号</translation>
    </message>
    <message>
        <source>Pick on the map</source>
        <translation>在地图上选点</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>保存 (Ctrl+S)</translation>
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
        <source>Actions waiting for the database: %1</source>
        <translation>待数据库恢复后提交的操作：%1</translation>
    </message>
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
        <source>Register a case (Ctrl+N)</source>
        <translation>登记 (Ctrl+N)</translation>
    </message>
    <message>
        <source>Sign out (Ctrl+Shift+L)</source>
        <translation>退出登录 (Ctrl+Shift+L)</translation>
    </message>
    <message>
        <source>Give back the cases you hold, close your cases and return to sign-in</source>
        <translation>释放您认领的案件，关闭已打开的案件，并返回登录界面</translation>
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
    <name>MapController</name>
    <message>
        <source>Loading the map…</source>
        <translation>正在加载地图…</translation>
    </message>
    <message>
        <source>Open cases</source>
        <translation>在办案件</translation>
    </message>
    <message>
        <source>Overdue cases</source>
        <translation>超期案件</translation>
    </message>
    <message>
        <source>Open cases per 1,000 residents</source>
        <translation>每千人在办案件</translation>
    </message>
    <message>
        <source>open</source>
        <translation>在办</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>超期</translation>
    </message>
    <message>
        <source>today</source>
        <translation>今日</translation>
    </message>
    <message>
        <source>per 1,000 residents</source>
        <translation>每千人</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Incidents</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>no deadline</source>
        <translation>无期限</translation>
    </message>
    <message>
        <source>No grids are recorded in your jurisdiction</source>
        <translation>辖区内尚无网格数据</translation>
    </message>
    <message>
        <source>%1 grids, %2 incidents</source>
        <translation>%1 个网格，%2 个事件</translation>
    </message>
    <message>
        <source> (the newest shown)</source>
        <translation>（仅显示最新的）</translation>
    </message>
    <message>
        <source>The map could not be loaded. The details are in the log.</source>
        <translation>地图加载失败，详情见日志。</translation>
    </message>
    <message>
        <source>None of these cases has a place on the map</source>
        <translation>这些案件都没有地图位置</translation>
    </message>
    <message>
        <source>Not available</source>
        <translation>暂不可用</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Open the case</source>
        <translation>打开案件</translation>
    </message>
    <message>
        <source>Grid %1 (from the map)</source>
        <translation>网格：%1（来自地图）</translation>
    </message>
    <message>
        <source>No grid, community or street matches “%1”</source>
        <translation>没有与“%1”匹配的网格、社区或街道</translation>
    </message>
</context>
<context>
    <name>MapExporter</name>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Image (PNG) for reports and slides…</source>
        <translation>图片 (PNG)，用于报告和幻灯片…</translation>
    </message>
    <message>
        <source>Web page (HTML) that opens offline…</source>
        <translation>网页 (HTML)，可离线打开…</translation>
    </message>
    <message>
        <source>Export the map</source>
        <translation>导出地图</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>Map saved to %1</source>
        <translation>地图已保存到 %1</translation>
    </message>
    <message>
        <source>The map could not be saved to %1</source>
        <translation>地图未能保存到 %1</translation>
    </message>
    <message>
        <source>Web page (*.html)</source>
        <translation>网页 (*.html)</translation>
    </message>
</context>
<context>
    <name>MapPageView</name>
    <message>
        <source>Map</source>
        <translation>地图</translation>
    </message>
    <message>
        <source>Find a grid, community or street</source>
        <translation>查找网格、社区或街道</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>受理日期</translation>
    </message>
    <message>
        <source>Grids by open cases</source>
        <translation>网格：按在办案件</translation>
    </message>
    <message>
        <source>Grids by overdue cases</source>
        <translation>网格：按超期案件</translation>
    </message>
    <message>
        <source>Grids by open cases per 1,000 residents</source>
        <translation>网格：按每千人在办</translation>
    </message>
    <message>
        <source>Incidents as clusters</source>
        <translation>事件：聚合点</translation>
    </message>
    <message>
        <source>Incidents as a heat map</source>
        <translation>事件：热力图</translation>
    </message>
    <message>
        <source>No incidents</source>
        <translation>不显示事件</translation>
    </message>
    <message>
        <source>Colour by deadline</source>
        <translation>按期限颜色</translation>
    </message>
    <message>
        <source>Colour by risk</source>
        <translation>按风险等级</translation>
    </message>
    <message>
        <source>Open cases</source>
        <translation>在办案件</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>All channels</source>
        <translation>全部来源</translation>
    </message>
    <message>
        <source>All risk levels</source>
        <translation>全部风险等级</translation>
    </message>
    <message>
        <source>Any deadline colour</source>
        <translation>全部期限颜色</translation>
    </message>
</context>
<context>
    <name>MonthController</name>
    <message>
        <source>The month&apos;s rota could not be loaded or saved. The details are in the log.</source>
        <translation>月排班无法读取或保存，详情见日志。</translation>
    </message>
    <message>
        <source>No changes recorded.</source>
        <translation>暂无变更记录。</translation>
    </message>
    <message>
        <source>Provisional: this year&apos;s holidays are not known yet, so Monday–Friday were assumed. Regenerate once an administrator has entered them.</source>
        <translation>暂定排班：本年度节假日安排尚未公布，暂按周一至周五排班。管理员录入节假日后请重新生成。</translation>
    </message>
    <message>
        <source>No rota for this month yet. A supervisor generates it from the rules.</source>
        <translation>本月尚未生成排班表，由中心主任按排班规则生成。</translation>
    </message>
    <message>
        <source>Published by %1 on %2: locked; changes are recorded</source>
        <translation>已由 %1 于 %2 发布锁定，之后的变更均有记录</translation>
    </message>
    <message>
        <source>Draft: not published yet</source>
        <translation>草稿：尚未发布</translation>
    </message>
    <message>
        <source>(gap)</source>
        <translation>（空岗）</translation>
    </message>
    <message>
        <source>asked by %1, approved by %2</source>
        <translation>申请人 %1，批准人 %2</translation>
    </message>
    <message>
        <source>; %1 open tasks handed over</source>
        <translation>；%1 件在办任务已转交</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Gap: %1 has nobody on %2</source>
        <translation>空岗：%1 在 %2 无人值守</translation>
    </message>
    <message>
        <source>Double booking: %1 is due at %2 places on %3</source>
        <translation>重复排班：%1 在 %3 被排到 %2 处</translation>
    </message>
    <message>
        <source>Below agreed days: %1 has %2 of %3 days</source>
        <translation>未达约定天数：%1 仅排 %2 天（约定 %3 天）</translation>
    </message>
    <message>
        <source>No warnings.</source>
        <translation>没有提醒。</translation>
    </message>
    <message>
        <source>rota-%1.xlsx</source>
        <translation>排班表-%1.xlsx</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>已导出到 %1</translation>
    </message>
</context>
<context>
    <name>MonthGrid</name>
    <message>
        <source>(gap)</source>
        <translation>（空岗）</translation>
    </message>
    <message>
        <source>✓</source>
        <translation>✓</translation>
    </message>
    <message>
        <source>L</source>
        <comment>arrived late</comment>
        <translation>迟</translation>
    </message>
    <message>
        <source>A</source>
        <comment>absent</comment>
        <translation>缺</translation>
    </message>
    <message>
        <source>?</source>
        <comment>not in yet</comment>
        <translation>未到</translation>
    </message>
    <message>
        <source>changed after publishing</source>
        <translation>发布后变更</translation>
    </message>
</context>
<context>
    <name>MonthView</name>
    <message>
        <source>&amp;Month</source>
        <translation>月份(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Generate rota</source>
        <translation>生成排班表(&amp;G)</translation>
    </message>
    <message>
        <source>Write the month&apos;s rota from the rules on the working-day calendar; days already past are kept</source>
        <translation>按排班规则和工作日历生成本月排班表；已过去的日期保持不变</translation>
    </message>
    <message>
        <source>C&amp;hange duty…</source>
        <translation>调整班次(&amp;H)…</translation>
    </message>
    <message>
        <source>Edit the chosen cell, or record a swap, leave or cover (Enter on the grid)</source>
        <translation>修改所选格子，或登记换班、请假、代班（在表格上按回车）</translation>
    </message>
    <message>
        <source>&amp;Publish</source>
        <translation>发布(&amp;P)</translation>
    </message>
    <message>
        <source>Lock the month: later changes are recorded swaps, leave and cover</source>
        <translation>锁定本月排班：之后只能登记换班、请假、代班</translation>
    </message>
    <message>
        <source>E&amp;xport to Excel…</source>
        <translation>导出 Excel(&amp;X)…</translation>
    </message>
    <message>
        <source>&amp;Import from Excel…</source>
        <translation>从 Excel 导入(&amp;I)…</translation>
    </message>
    <message>
        <source>Read a department&apos;s rota in the export&apos;s layout; all of it or nothing</source>
        <translation>读取部门按导出格式报来的排班表；全部成功或全部不导入</translation>
    </message>
    <message>
        <source>Loading the month…</source>
        <translation>正在加载本月排班…</translation>
    </message>
    <message>
        <source>Rota by &amp;window and day</source>
        <translation>按窗口和日期排班(&amp;W)</translation>
    </message>
    <message>
        <source>Grey: weekend · red: holiday · green: make-up working day · bold*: changed after publishing · ✓ on time, L late, A absent, ? not in yet</source>
        <translation>灰：周末 · 红：节假日 · 绿：调休上班 · 粗体*：发布后变更 · ✓ 已到岗，迟 迟到，缺 缺勤，未到 尚未到岗</translation>
    </message>
    <message>
        <source>&amp;Warnings</source>
        <translation>提醒(&amp;W)</translation>
    </message>
    <message>
        <source>Recorded changes</source>
        <translation>变更记录</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Attendance so far</source>
        <translation>出勤统计（截至目前）</translation>
    </message>
    <message>
        <source>Days due</source>
        <translation>应到天数</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>实到</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>迟到</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>缺勤</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>出勤率</translation>
    </message>
</context>
<context>
    <name>PartiesBox</name>
    <message>
        <source>&amp;Add party</source>
        <translation>添加当事人(&amp;A)</translation>
    </message>
</context>
<context>
    <name>PartyRow</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Anonymous</source>
        <translation>匿名</translation>
    </message>
    <message>
        <source>A caller who gives no name (phone and 12345 only)</source>
        <translation>不愿留名的来电人（仅限来电和 12345 热线）</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>ID number (18 characters)</source>
        <translation>身份证号码（18 位）</translation>
    </message>
    <message>
        <source>Address of the party</source>
        <translation>当事人地址</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>男</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>女</translation>
    </message>
    <message>
        <source>%1, born %2</source>
        <translation>%1，%2 出生</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <source>Check-in PIN</source>
        <translation>签到码</translation>
    </message>
    <message>
        <source>&amp;Person</source>
        <translation>人员(&amp;P)</translation>
    </message>
    <message>
        <source>New &amp;PIN (4–6 digits)</source>
        <translation>新签到码(&amp;P)（4–6 位数字）</translation>
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
    <name>PointPickerDialog</name>
    <message>
        <source>Pick the place on the map</source>
        <translation>在地图上选取位置</translation>
    </message>
    <message>
        <source>Click the map where the matter happened.</source>
        <translation>请在地图上点击事发地点。</translation>
    </message>
    <message>
        <source>Loading the map…</source>
        <translation>正在加载地图…</translation>
    </message>
    <message>
        <source>Open cases</source>
        <translation>在办案件</translation>
    </message>
    <message>
        <source>open</source>
        <translation>在办</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Not available</source>
        <translation>暂不可用</translation>
    </message>
    <message>
        <source>Finding the grid…</source>
        <translation>正在查找所属网格…</translation>
    </message>
    <message>
        <source>inside your jurisdiction, in no grid</source>
        <translation>位于辖区内，但不属于任何网格</translation>
    </message>
</context>
<context>
    <name>PreferencesController</name>
    <message>
        <source>Offline tiles</source>
        <translation>离线瓦片</translation>
    </message>
    <message>
        <source>MBTiles files (*.mbtiles);;All files (*)</source>
        <translation>MBTiles 文件 (*.mbtiles);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Applied to the map.</source>
        <translation>已应用到地图。</translation>
    </message>
    <message>
        <source>%1 is not a readable MBTiles file.</source>
        <translation>%1 不是可读的 MBTiles 文件。</translation>
    </message>
    <message>
        <source>Give the tile server&apos;s address with {z}, {x} and {y}, such as http://10.0.0.5/tiles/{z}/{x}/{y}.png</source>
        <translation>请填写含 {z}、{x} 和 {y} 的瓦片服务地址，例如 http://10.0.0.5/tiles/{z}/{x}/{y}.png</translation>
    </message>
</context>
<context>
    <name>PreferencesView</name>
    <message>
        <source>An .mbtiles file of your area</source>
        <translation>本地区的 .mbtiles 文件</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Base map</source>
        <translation>底图</translation>
    </message>
    <message>
        <source>None (boundaries only)</source>
        <translation>无（只显示边界）</translation>
    </message>
    <message>
        <source>Offline tiles (MBTiles file)</source>
        <translation>离线瓦片（MBTiles 文件）</translation>
    </message>
    <message>
        <source>The center&apos;s tile server</source>
        <translation>本中心的瓦片服务</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Import boundaries and grids…</source>
        <translation>导入边界与网格…</translation>
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
    <name>ReceiptDialog</name>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Receipt (受理回执)</source>
        <translation>受理回执</translation>
    </message>
    <message>
        <source>&amp;Paper</source>
        <translation>纸张(&amp;P)</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>保存为 PDF…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>已保存到 %1</translation>
    </message>
    <message>
        <source>The receipt could not be made. The details are in the log.</source>
        <translation>未能生成受理回执，详细信息已写入日志。</translation>
    </message>
    <message>
        <source>Save the receipt as PDF</source>
        <translation>将受理回执保存为 PDF</translation>
    </message>
    <message>
        <source>Sent to the printer.</source>
        <translation>已发送到打印机。</translation>
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
        <source> The period is still running: overdue cases are counted at 00:00 %1.</source>
        <translation>本期尚未结束：超期件按 %1 0时统计。</translation>
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
        <source>Annual report</source>
        <translation>年报</translation>
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
        <source>Annual report (年报)</source>
        <translation>年报（年度报告）</translation>
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
        <source>&amp;Year</source>
        <translation>年份(&amp;Y)</translation>
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
    <name>RosterController</name>
    <message>
        <source>Your jurisdiction has no center of its own.</source>
        <translation>您所在的辖区没有自己的综治中心。</translation>
    </message>
    <message>
        <source>(no window)</source>
        <translation>（无固定窗口）</translation>
    </message>
    <message>
        <source>nobody rostered</source>
        <translation>无人排班</translation>
    </message>
    <message>
        <source>gap</source>
        <translation>空岗</translation>
    </message>
    <message>
        <source>(not rostered)</source>
        <translation>（未排班）</translation>
    </message>
    <message>
        <source>checked in</source>
        <translation>已签到</translation>
    </message>
    <message>
        <source>no contact yet</source>
        <translation>暂无联系人</translation>
    </message>
    <message>
        <source>Nobody is rostered here today.</source>
        <translation>今天本中心无人排班。</translation>
    </message>
    <message>
        <source>The roster could not be loaded. The details are in the log.</source>
        <translation>排班信息加载失败，详细信息见日志。</translation>
    </message>
    <message>
        <source>Choose the person first.</source>
        <translation>请先选择人员。</translation>
    </message>
    <message>
        <source>Enter their password or PIN.</source>
        <translation>请输入本人账号密码或签到码。</translation>
    </message>
    <message>
        <source>%1 checked out at %2</source>
        <translation>%1 已于 %2 签退</translation>
    </message>
    <message>
        <source>%1 checked in at %2</source>
        <translation>%1 已于 %2 签到</translation>
    </message>
    <message>
        <source>The check-in could not be saved. The details are in the log.</source>
        <translation>签到未能保存，详细信息见日志。</translation>
    </message>
</context>
<context>
    <name>RosterView</name>
    <message>
        <source>Roster</source>
        <translation>排班</translation>
    </message>
    <message>
        <source>Who is on site at which window, check-in at the desk, the month&apos;s rota and attendance</source>
        <translation>谁在哪个窗口在岗、窗口签到、月度排班表与出勤统计</translation>
    </message>
    <message>
        <source>&amp;Today on site</source>
        <translation>今日在岗(&amp;T)</translation>
    </message>
    <message>
        <source>Month ro&amp;ta</source>
        <translation>月度排班(&amp;A)</translation>
    </message>
    <message>
        <source>Ru&amp;les</source>
        <translation>排班规则(&amp;L)</translation>
    </message>
</context>
<context>
    <name>RuleDialog</name>
    <message>
        <source>Roster rule</source>
        <translation>排班规则</translation>
    </message>
    <message>
        <source>Edit roster rule</source>
        <translation>修改排班规则</translation>
    </message>
    <message>
        <source>&amp;Department</source>
        <translation>部门(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Mode</source>
        <translation>驻场方式(&amp;M)</translation>
    </message>
    <message>
        <source>Da&amp;ys</source>
        <translation>驻场日(&amp;Y)</translation>
    </message>
    <message>
        <source>Week&amp;days</source>
        <translation>每周(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Alternate weeks from</source>
        <translation>隔周起始(&amp;A)</translation>
    </message>
    <message>
        <source>Days a mo&amp;nth</source>
        <translation>每月天数(&amp;N)</translation>
    </message>
    <message>
        <source>A&amp;greed days a month (0: none)</source>
        <translation>每月约定天数(&amp;G)（0 为不约定）</translation>
    </message>
    <message>
        <source>&amp;Window</source>
        <translation>窗口(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;People (ticked, in turn order)</source>
        <translation>人员(&amp;P)（勾选，按轮值顺序）</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <source>(no window)</source>
        <translation>（无固定窗口）</translation>
    </message>
    <message>
        <source>The people take &amp;turns, one a day</source>
        <translation>人员轮流值守，每天一人(&amp;T)</translation>
    </message>
</context>
<context>
    <name>RulesController</name>
    <message>
        <source>The roster rules could not be loaded or saved. The details are in the log.</source>
        <translation>排班规则加载或保存失败，详细信息见日志。</translation>
    </message>
    <message>
        <source>Shifts %1–%2 and %3–%4; late after %5 minutes&apos; grace</source>
        <translation>班次 %1–%2、%3–%4；超过 %5 分钟宽限计为迟到</translation>
    </message>
    <message>
        <source> (in turns)</source>
        <translation>（轮流）</translation>
    </message>
    <message>
        <source>No roster rules yet.</source>
        <translation>尚无排班规则。</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <source>Select a rule first.</source>
        <translation>请先选择一条排班规则。</translation>
    </message>
</context>
<context>
    <name>RulesView</name>
    <message>
        <source>Loading the rules…</source>
        <translation>正在加载排班规则…</translation>
    </message>
    <message>
        <source>&amp;New rule…</source>
        <translation>新增规则(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Edit rule…</source>
        <translation>修改规则(&amp;E)…</translation>
    </message>
    <message>
        <source>Re&amp;move rule</source>
        <translation>停用规则(&amp;M)</translation>
    </message>
    <message>
        <source>S&amp;hift times…</source>
        <translation>班次时间(&amp;H)…</translation>
    </message>
    <message>
        <source>Check-in P&amp;IN…</source>
        <translation>签到码(&amp;I)…</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>驻场方式</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>驻场日</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Agreed days a month</source>
        <translation>每月约定天数</translation>
    </message>
</context>
<context>
    <name>SavedFilters</name>
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
    <name>ShiftsDialog</name>
    <message>
        <source>Shift times</source>
        <translation>班次时间</translation>
    </message>
    <message>
        <source>&amp;Morning from</source>
        <translation>上午开始(&amp;M)</translation>
    </message>
    <message>
        <source>Morning &amp;until</source>
        <translation>上午结束(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Afternoon from</source>
        <translation>下午开始(&amp;A)</translation>
    </message>
    <message>
        <source>Afternoon u&amp;ntil</source>
        <translation>下午结束(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Grace minutes before late</source>
        <translation>迟到宽限分钟(&amp;G)</translation>
    </message>
</context>
<context>
    <name>TimelineBox</name>
    <message>
        <source>Timeline</source>
        <translation>办理过程</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
</context>
<context>
    <name>TodayView</name>
    <message>
        <source>Re&amp;fresh</source>
        <translation>刷新(&amp;F)</translation>
    </message>
    <message>
        <source>Loading today&apos;s roster…</source>
        <translation>正在加载今日排班…</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Checked in</source>
        <translation>签到时间</translation>
    </message>
    <message>
        <source>Checked out</source>
        <translation>签退时间</translation>
    </message>
    <message>
        <source>Dispatch order: who can take a case now</source>
        <translation>派单顺序：现在谁能接件</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>在岗情况</translation>
    </message>
    <message>
        <source>Check in at the desk</source>
        <translation>窗口签到</translation>
    </message>
    <message>
        <source>&amp;Person</source>
        <translation>人员(&amp;P)</translation>
    </message>
    <message>
        <source>Pass&amp;word or PIN</source>
        <translation>密码或签到码(&amp;W)</translation>
    </message>
    <message>
        <source>Their own account password, or their 4–6 digit PIN</source>
        <translation>本人账号密码，或 4–6 位数字签到码</translation>
    </message>
    <message>
        <source>Check &amp;in</source>
        <translation>签到(&amp;I)</translation>
    </message>
    <message>
        <source>Check &amp;out</source>
        <translation>签退(&amp;O)</translation>
    </message>
    <message>
        <source>On call (随驻)</source>
        <translation>随驻（随叫随到）</translation>
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
<context>
    <name>Workbench</name>
    <message>
        <source>Open action windows, with what is typed in them: %1</source>
        <translation>打开的操作窗口（其中已填写的内容）：%1</translation>
    </message>
    <message>
        <source>Confirmed actions still waiting for the database: %1</source>
        <translation>已确认但仍在等待数据库恢复的操作：%1</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Sign out anyway? This is lost:</source>
        <translation>仍要退出登录吗？以下内容将会丢失：</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Quit anyway? This is lost:</source>
        <translation>仍要退出吗？以下内容将会丢失：</translation>
    </message>
    <message>
        <source>Sent now that the database answers again: %1</source>
        <translation>数据库已恢复，已提交：%1</translation>
    </message>
    <message>
        <source>The details are in the log.</source>
        <translation>详细信息见日志。</translation>
    </message>
    <message>
        <source>Action not carried out</source>
        <translation>操作未执行</translation>
    </message>
    <message>
        <source>After the database came back, %1 was refused: %2</source>
        <translation>数据库恢复后，%1 被拒绝：%2</translation>
    </message>
    <message>
        <source>Registered case %1</source>
        <translation>已登记案件 %1</translation>
    </message>
</context>
</TS>
