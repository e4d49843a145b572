<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>LabelSheet</name>
    <message>
        <source>No key to print a label for; %1 was not written.</source>
        <translation>没有需要打印标签的密钥；未写入 %1。</translation>
    </message>
    <message>
        <source>Cannot make the QR code of key %1: %2</source>
        <translation>无法生成密钥 %1 的二维码：%2</translation>
    </message>
    <message>
        <source>KeyStation labels — %1</source>
        <translation>KeyStation 标签 — %1</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Certificate serial</source>
        <translation>证书序列号</translation>
    </message>
</context>
<context>
    <name>LotReport</name>
    <message>
        <source>Lot %1 — hand-over report</source>
        <translation>生产批次 %1 — 交接报告</translation>
    </message>
    <message>
        <source>KeyStation — lot %1</source>
        <translation>KeyStation — 生产批次 %1</translation>
    </message>
    <message>
        <source>Lot hand-over report</source>
        <translation>生产批次交接报告</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>生产批次</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>型号</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>模板</translation>
    </message>
    <message>
        <source>Generated</source>
        <translation>生成时间</translation>
    </message>
    <message>
        <source>Counts</source>
        <translation>计数</translation>
    </message>
    <message>
        <source>Quantity (target)</source>
        <translation>数量（目标）</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Refused by the lot</source>
        <translation>被生产批次拒收</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Remaining</source>
        <translation>剩余</translation>
    </message>
    <message>
        <source>First-pass yield</source>
        <translation>直通率</translation>
    </message>
    <message>
        <source>Final yield</source>
        <translation>最终良率</translation>
    </message>
    <message>
        <source>Keys per hour</source>
        <translation>每小时密钥数</translation>
    </message>
    <message>
        <source>First attempt</source>
        <translation>首次发行</translation>
    </message>
    <message>
        <source>Last finished</source>
        <translation>最后完成</translation>
    </message>
    <message>
        <source>Done by station</source>
        <translation>按工位统计的完成数</translation>
    </message>
    <message>
        <source>Done by operator</source>
        <translation>按操作员统计的完成数</translation>
    </message>
    <message>
        <source>Keys (%1)</source>
        <translation>密钥（%1）</translation>
    </message>
    <message>
        <source>No key is done in this lot yet.</source>
        <translation>本生产批次中尚无已完成的密钥。</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>序列号</translation>
    </message>
    <message>
        <source>Certificate serial</source>
        <translation>证书序列号</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint</source>
        <translation>SHA-256 指纹</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Handed over by (name, signature)</source>
        <translation>交付人（姓名、签字）</translation>
    </message>
    <message>
        <source>Received by (name, signature)</source>
        <translation>接收人（姓名、签字）</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Hand-over</source>
        <translation>交接</translation>
    </message>
</context>
<context>
    <name>PdfPages</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>A PDF needs a QGuiApplication (the offscreen platform will do).</source>
        <translation>生成 PDF 需要 QGuiApplication（使用 offscreen 平台即可）。</translation>
    </message>
</context>
<context>
    <name>ks::SecretFile</name>
    <message>
        <source>%1 holds a secret but its group or others may access it (mode %2): make it readable by its owner only (chmod 600 %1).</source>
        <translation>%1 中存放着机密数据，但其所属组或其他用户可以访问（权限 %2）：请设为仅所有者可读（chmod 600 %1）。</translation>
    </message>
    <message>
        <source>No file name given for a secret.</source>
        <translation>未提供机密文件的文件名。</translation>
    </message>
    <message>
        <source>Cannot read %1 (%2).</source>
        <translation>无法读取 %1（%2）。</translation>
    </message>
    <message>
        <source>%1 is larger than %2 bytes; it is not a secret file KeyStation reads.</source>
        <translation>%1 大于 %2 字节，不是 KeyStation 读取的机密文件。</translation>
    </message>
</context>
<context>
    <name>ks::app::AccountsWidget</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Failed logins</source>
        <translation>登录失败次数</translation>
    </message>
    <message>
        <source>Add account…</source>
        <translation>添加账户…</translation>
    </message>
    <message>
        <source>Disable / enable</source>
        <translation>停用 / 启用</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>重置密码…</translation>
    </message>
    <message>
        <source>Change role…</source>
        <translation>更改角色…</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Locked until %1</source>
        <translation>锁定至 %1</translation>
    </message>
    <message>
        <source>Add account</source>
        <translation>添加账户</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <source>Initial password:</source>
        <translation>初始密码：</translation>
    </message>
    <message>
        <source>Account %1 added.</source>
        <translation>已添加账户 %1。</translation>
    </message>
    <message>
        <source>Account %1 disabled.</source>
        <translation>已停用账户 %1。</translation>
    </message>
    <message>
        <source>Account %1 enabled.</source>
        <translation>已启用账户 %1。</translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <source>New password for %1:</source>
        <translation>%1 的新密码：</translation>
    </message>
    <message>
        <source>Password of %1 reset.</source>
        <translation>已重置 %1 的密码。</translation>
    </message>
    <message>
        <source>Change role</source>
        <translation>更改角色</translation>
    </message>
    <message>
        <source>Role of %1:</source>
        <translation>%1 的角色：</translation>
    </message>
    <message>
        <source>Role of %1 changed.</source>
        <translation>已更改 %1 的角色。</translation>
    </message>
</context>
<context>
    <name>ks::app::AttemptTableModel</name>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>Hardware serial</source>
        <translation>硬件序列号</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>型号</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Failed at</source>
        <translation>失败步骤</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Certificate serial</source>
        <translation>证书序列号</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>到期时间</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>耗时</translation>
    </message>
</context>
<context>
    <name>ks::app::BatchBanner</name>
    <message>
        <source>Close this message</source>
        <translation>关闭此消息</translation>
    </message>
</context>
<context>
    <name>ks::app::BatchLogCharts</name>
    <message>
        <source>Keys per minute</source>
        <translation>每分钟密钥数</translation>
    </message>
    <message>
        <source>Keys per minute — %1</source>
        <translation>每分钟密钥数 — %1</translation>
    </message>
    <message>
        <source>Keys done</source>
        <translation>已完成密钥</translation>
    </message>
    <message>
        <source>Minute of the batch</source>
        <translation>批次内的分钟</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>密钥</translation>
    </message>
    <message>
        <source>No failures</source>
        <translation>无失败</translation>
    </message>
    <message>
        <source>Failed keys by reason</source>
        <translation>按原因统计的失败密钥</translation>
    </message>
    <message>
        <source>Failed keys</source>
        <translation>失败的密钥</translation>
    </message>
    <message>
        <source>%1: %2 keys</source>
        <translation>%1：%2 个密钥</translation>
    </message>
</context>
<context>
    <name>ks::app::BatchLogReport</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Log tampered: record %1 in table %2: %3</source>
        <translation>日志被篡改：表 %2 中的记录 %1：%3</translation>
    </message>
    <message>
        <source>KeyStation batch log</source>
        <translation>KeyStation 批次日志</translation>
    </message>
    <message>
        <source>Generated</source>
        <translation>生成时间</translation>
    </message>
    <message>
        <source>By</source>
        <translation>生成人</translation>
    </message>
    <message>
        <source>Journal</source>
        <translation>日志库</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>筛选条件</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>校验</translation>
    </message>
    <message>
        <source>could not run: %1</source>
        <translation>无法运行：%1</translation>
    </message>
    <message>
        <source>not run (this role may not verify the log)</source>
        <translation>未运行（此角色无权校验日志）</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>发行记录</translation>
    </message>
    <message>
        <source>Log intact — %1 records checked.</source>
        <translation>日志完整 — 已检查 %1 条记录。</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>密钥</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>计数</translation>
    </message>
    <message>
        <source>Failed keys by reason</source>
        <translation>按原因统计的失败密钥</translation>
    </message>
    <message>
        <source>KeyStation batch log — %1 — %2</source>
        <translation>KeyStation 批次日志 — %1 — %2</translation>
    </message>
    <message>
        <source>Attempts (%1)</source>
        <translation>尝试（%1）</translation>
    </message>
    <message>
        <source>No attempt matches the filter.</source>
        <translation>没有符合筛选条件的尝试。</translation>
    </message>
    <message>
        <source>Sign-off</source>
        <translation>签核</translation>
    </message>
    <message>
        <source>Reviewed by (name, signature)</source>
        <translation>审核人（姓名、签字）</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
</context>
<context>
    <name>ks::app::BatchLogStats</name>
    <message>
        <source>%1 provisioned</source>
        <translation>%1 个已发行</translation>
    </message>
    <message>
        <source>%1 already provisioned</source>
        <translation>%1 个此前已发行</translation>
    </message>
    <message>
        <source>%1 failed</source>
        <translation>%1 个失败</translation>
    </message>
    <message>
        <source>%1 cancelled</source>
        <translation>%1 个已取消</translation>
    </message>
    <message>
        <source>%1 running</source>
        <translation>%1 个进行中</translation>
    </message>
    <message>
        <source>%1 attempts of %2 keys</source>
        <translation>%2 个密钥的 %1 次尝试</translation>
    </message>
    <message>
        <source>(a key counts once)</source>
        <translation>（每个密钥只计一次）</translation>
    </message>
    <message>
        <source>Keys are counted by hardware serial, once each: provisioned if any of its attempts shown provisioned it, already provisioned if one found the profile's certificate on it, otherwise by its last attempt. A key that failed twice and then succeeded is one provisioned key; a key that failed twice is one failed key. %1 of the %2 attempts shown ended failed, cancelled or interrupted.</source>
        <translation>密钥按硬件序列号计数，每个只计一次：所显示的尝试中任一次发行了它，即计为已发行；任一次在其上发现了模板的证书，即计为此前已发行；否则按其最后一次尝试计。失败两次后成功的密钥计为一个已发行密钥；失败两次的密钥计为一个失败密钥。所显示的 %2 次尝试中，有 %1 次以失败、取消或中断结束。</translation>
    </message>
</context>
<context>
    <name>ks::app::BatchLogWidget</name>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Verify log</source>
        <translation>校验日志</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>导出 PDF…</translation>
    </message>
    <message>
        <source>Recompute the journal's hash chain and compare every row with it</source>
        <translation>重新计算日志的哈希链并逐行比对</translation>
    </message>
    <message>
        <source>Select an attempt to see its steps.</source>
        <translation>选择一条发行记录以查看其步骤。</translation>
    </message>
    <message>
        <source>The batch log is for supervisors</source>
        <translation>批次日志供主管查看</translation>
    </message>
    <message>
        <source>You are logged in as %1 (%2). Ask a supervisor or an administrator to review the log.</source>
        <translation>您以 %1（%2）身份登录。请由主管或管理员审阅日志。</translation>
    </message>
    <message>
        <source>No journal is open.</source>
        <translation>未打开任何日志库。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Cannot read the log: %1</source>
        <translation>无法读取日志：%1</translation>
    </message>
    <message>
        <source>(only the first %1 are shown)</source>
        <translation>（仅显示前 %1 条）</translation>
    </message>
    <message>
        <source>Cannot read the steps: %1</source>
        <translation>无法读取步骤：%1</translation>
    </message>
    <message>
        <source>in %1</source>
        <translation>耗时 %1</translation>
    </message>
    <message>
        <source>certificate %1, expires %2</source>
        <translation>证书 %1，到期 %2</translation>
    </message>
    <message>
        <source>key pair %1</source>
        <translation>密钥对 %1</translation>
    </message>
    <message>
        <source>operator %1 on %2</source>
        <translation>操作员 %1，工位 %2</translation>
    </message>
    <message>
        <source>Verifying the hash chain…</source>
        <translation>正在校验哈希链…</translation>
    </message>
    <message>
        <source>The log could not be verified: %1</source>
        <translation>无法校验日志：%1</translation>
    </message>
    <message>
        <source>Not verified yet: press Verify log to check the hash chain.</source>
        <translation>尚未校验：请点击“校验日志”检查哈希链。</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Export the batch log as CSV</source>
        <translation>将批次日志导出为 CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Export the batch log as PDF</source>
        <translation>将批次日志导出为 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Exporting to %1…</source>
        <translation>正在导出到 %1…</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>导出失败：%1</translation>
    </message>
    <message>
        <source>Exported %1 attempts to %2.</source>
        <translation>已将 %1 条发行记录导出到 %2。</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1，%2</translation>
    </message>
    <message>
        <source>Failed at “%1”: %2</source>
        <translation>在“%1”失败：%2</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>发行记录</translation>
    </message>
    <message>
        <source>Lots</source>
        <translation>生产批次</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>Show the exported file in the file manager</source>
        <translation>在文件管理器中显示导出的文件</translation>
    </message>
    <message>
        <source>Batch %1, row %2 of the table (key %3): selected below.</source>
        <translation>批次 %1，表格第 %2 行（密钥 %3）：已在下方选中。</translation>
    </message>
    <message>
        <source>Batch %1: its attempts are shown below.</source>
        <translation>批次 %1：其尝试记录显示在下方。</translation>
    </message>
    <message>
        <source>Batch %1</source>
        <translation>批次 %1</translation>
    </message>
    <message>
        <source>Export to %1 failed: %2</source>
        <translation>导出到 %1 失败：%2</translation>
    </message>
</context>
<context>
    <name>ks::app::BatchProgressWidget</name>
    <message>
        <source>estimating…</source>
        <translation>估算中…</translation>
    </message>
    <message numerus="yes">
        <source>about %n s left</source>
        <translation><numerusform>约剩 %n 秒</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>about %n min left</source>
        <translation><numerusform>约剩 %n 分钟</numerusform></translation>
    </message>
    <message>
        <source>No batch yet</source>
        <translation>尚无批次</translation>
    </message>
    <message>
        <source>Plug the keys in and press Provision all.</source>
        <translation>请插入密钥，然后按“全部发行”。</translation>
    </message>
    <message>
        <source>%1 / %2 keys</source>
        <extracomment>The batch bar: keys finished of keys in the batch.</extracomment>
        <translation>%1 / %2 个密钥</translation>
    </message>
    <message numerus="yes">
        <source>%n new</source>
        <translation><numerusform>%n 个新发行</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n already provisioned</source>
        <translation><numerusform>%n 个此前已发行</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation><numerusform>%n 个失败</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n skipped</source>
        <translation><numerusform>%n 个已跳过</numerusform></translation>
    </message>
    <message>
        <source>batch finished</source>
        <translation>批次已结束</translation>
    </message>
</context>
<context>
    <name>ks::app::BenchWidget</name>
    <message>
        <source>Provision all</source>
        <translation>全部发行</translation>
    </message>
    <message>
        <source>Continuous mode (provision keys as they are plugged in)</source>
        <translation>连续模式（密钥插入后即自动发行）</translation>
    </message>
    <message>
        <source>Cancel all</source>
        <translation>全部取消</translation>
    </message>
    <message>
        <source>Retry key</source>
        <translation>重试此密钥</translation>
    </message>
    <message>
        <source>Skip key</source>
        <translation>跳过此密钥</translation>
    </message>
    <message>
        <source>Details…</source>
        <translation>详情…</translation>
    </message>
    <message>
        <source>Could not start: %1</source>
        <translation>无法开始：%1</translation>
    </message>
    <message>
        <source>wrong PIN</source>
        <translation>PIN码错误</translation>
    </message>
    <message>
        <source>PIN locked</source>
        <translation>PIN码已锁定</translation>
    </message>
    <message>
        <source>too few PIN tries left</source>
        <translation>PIN码剩余尝试次数过少</translation>
    </message>
    <message>
        <source>timed out</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>the CA did not issue a certificate</source>
        <translation>CA 未签发证书</translation>
    </message>
    <message>
        <source>key pulled out</source>
        <translation>密钥已被拔出</translation>
    </message>
    <message numerus="yes">
        <source>%n key(s) on the hub</source>
        <translation><numerusform>集线器上有 %n 个密钥</numerusform></translation>
    </message>
    <message>
        <source>Lot…</source>
        <translation>生产批次…</translation>
    </message>
    <message>
        <source>Choose the lot (work order) the next batch runs under</source>
        <translation>选择下一批次所属的生产批次（工单）</translation>
    </message>
    <message>
        <source>not in this lot</source>
        <translation>不属于本生产批次</translation>
    </message>
    <message>
        <source>already done in this lot</source>
        <translation>已在本生产批次中完成</translation>
    </message>
    <message>
        <source>the lot is complete</source>
        <translation>生产批次已完成</translation>
    </message>
    <message numerus="yes">
        <source>Of the failed, %n kept out by the lot.</source>
        <translation><numerusform>失败的密钥中，有 %n 个被生产批次拒收。</numerusform></translation>
    </message>
    <message>
        <source>The label sheet could not be written: %1</source>
        <translation>无法写入标签页：%1</translation>
    </message>
    <message>
        <source>Label sheet: %1</source>
        <translation>标签页：%1</translation>
    </message>
    <message>
        <source>CA status</source>
        <translation>CA 状态</translation>
    </message>
    <message>
        <source>Provision every key on the hub</source>
        <translation>发行集线器上的每个密钥</translation>
    </message>
    <message>
        <source>Stop the batch: keys in progress are cancelled</source>
        <translation>停止批次：进行中的密钥将被取消</translation>
    </message>
    <message>
        <source>Provision the selected key again</source>
        <translation>重新发行所选密钥</translation>
    </message>
    <message>
        <source>Skip the selected key in this batch</source>
        <translation>在本批次中跳过所选密钥</translation>
    </message>
    <message>
        <source>Every step of the selected key, with its time</source>
        <translation>所选密钥的每个步骤及其耗时</translation>
    </message>
    <message>
        <source>CA: checking…</source>
        <translation>CA：检查中…</translation>
    </message>
    <message numerus="yes">
        <source>%n key(s) will go again by themselves when it answers</source>
        <translation><numerusform>CA 恢复应答后，%n 个密钥将自动重试</numerusform></translation>
    </message>
    <message>
        <source>Checked at %1</source>
        <translation>检查时间 %1</translation>
    </message>
    <message>
        <source>The batch did not start</source>
        <translation>批次未能开始</translation>
    </message>
    <message>
        <source>Port %1 done</source>
        <translation>端口 %1 已完成</translation>
    </message>
    <message>
        <source>Port %1 failed: %2</source>
        <translation>端口 %1 失败：%2</translation>
    </message>
    <message>
        <source>%1 done, %2 failed, %3 skipped, %4 already provisioned, in %5 s (%6 keys per minute).</source>
        <translation>%1 个完成，%2 个失败，%3 个已跳过，%4 个此前已发行，用时 %5 秒（每分钟 %6 个密钥）。</translation>
    </message>
    <message>
        <source>No key was new — was the hub swapped?</source>
        <translation>没有新密钥 — 集线器是否已更换？</translation>
    </message>
    <message numerus="yes">
        <source>Batch finished: %n key(s) failed</source>
        <translation><numerusform>批次结束：%n 个密钥失败</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Batch finished: %n key(s) not provisioned</source>
        <translation><numerusform>批次结束：%n 个密钥未发行</numerusform></translation>
    </message>
    <message>
        <source>Batch finished: no key to provision</source>
        <translation>批次结束：没有需要发行的密钥</translation>
    </message>
    <message numerus="yes">
        <source>Batch finished: %n key(s) done</source>
        <translation><numerusform>批次结束：%n 个密钥完成</numerusform></translation>
    </message>
    <message>
        <source>Port %1: %2</source>
        <translation>端口 %1：%2</translation>
    </message>
    <message numerus="yes">
        <source>%n port(s) need a person</source>
        <translation><numerusform>%n 个端口需要人工处理</numerusform></translation>
    </message>
    <message>
        <source>%1 done · %2 already provisioned · %3 failed · %4 running · %5 need a person</source>
        <translation>%1 个完成 · %2 个此前已发行 · %3 个失败 · %4 个进行中 · %5 个需要人工处理</translation>
    </message>
    <message>
        <source>No port selected: click a tile</source>
        <translation>未选择端口：请点击一个卡片</translation>
    </message>
    <message>
        <source>Port %1 selected (empty)</source>
        <translation>已选择端口 %1（空）</translation>
    </message>
    <message>
        <source>Port %1 selected</source>
        <translation>已选择端口 %1</translation>
    </message>
</context>
<context>
    <name>ks::app::CaCommand</name>
    <message>
        <source>--user needs --password-file or KS_CA_PASSWORD.</source>
        <translation>--user 需要配合 --password-file 或 KS_CA_PASSWORD 使用。</translation>
    </message>
    <message>
        <source>CA request failed: %1</source>
        <translation>CA 请求失败：%1</translation>
    </message>
    <message>
        <source>CA certificates (%1):</source>
        <translation>CA 证书（%1）：</translation>
    </message>
    <message>
        <source>Profile usages: %1</source>
        <translation>模板规定的用途：%1</translation>
    </message>
    <message>
        <source>Profile validity: %1</source>
        <translation>模板规定的有效期：%1</translation>
    </message>
    <message>
        <source>CSR attributes: %1 bytes (RFC 7030 4.5)</source>
        <translation>证书请求属性：%1 字节（RFC 7030 4.5）</translation>
    </message>
    <message>
        <source>Cannot read the CSR file '%1'.</source>
        <translation>无法读取证书请求文件“%1”。</translation>
    </message>
    <message>
        <source>'%1' is not a PKCS#10 request (PEM or DER).</source>
        <translation>“%1”不是 PKCS#10 证书请求（PEM 或 DER）。</translation>
    </message>
    <message>
        <source>Issued: %1</source>
        <translation>已签发：%1</translation>
    </message>
    <message>
        <source>  with: %1</source>
        <translation>  附带：%1</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <source>Certificate check refused the result: %1</source>
        <translation>证书检查拒绝了该结果：%1</translation>
    </message>
    <message>
        <source>Certificate check: passed</source>
        <translation>证书检查：通过</translation>
    </message>
    <message>
        <source>Test a CA connection: 'ca info' fetches the CA certificates, 'ca enroll' sends a certificate request and checks the answer.</source>
        <translation>测试 CA 连接：“ca info”获取 CA 证书，“ca enroll”发送证书请求并检查返回结果。</translation>
    </message>
    <message>
        <source>info or enroll</source>
        <translation>info 或 enroll</translation>
    </message>
    <message>
        <source>CA base URL (https://...)</source>
        <translation>CA 基础地址（https://...）</translation>
    </message>
    <message>
        <source>PEM bundle verifying the CA's TLS certificate</source>
        <translation>用于验证 CA 的 TLS 证书的 PEM 证书包</translation>
    </message>
    <message>
        <source>PEM bundle issued certificates must chain to (default: --ca-bundle)</source>
        <translation>签发的证书必须链接到的 PEM 证书包（默认：--ca-bundle）</translation>
    </message>
    <message>
        <source>EST label / CFSSL signer label</source>
        <translation>EST 标签 / CFSSL 签发者标签</translation>
    </message>
    <message>
        <source>HTTP Basic user</source>
        <translation>HTTP Basic 用户名</translation>
    </message>
    <message>
        <source>file holding the HTTP Basic password (or KS_CA_PASSWORD)</source>
        <translation>存放 HTTP Basic 密码的文件（或 KS_CA_PASSWORD）</translation>
    </message>
    <message>
        <source>TLS client certificate (PEM)</source>
        <translation>TLS 客户端证书（PEM）</translation>
    </message>
    <message>
        <source>TLS client key (PEM, unencrypted)</source>
        <translation>TLS 客户端私钥（PEM，未加密）</translation>
    </message>
    <message>
        <source>file holding the CFSSL authsign key in hex (or KS_CA_HMAC_KEY)</source>
        <translation>存放十六进制 CFSSL authsign 密钥的文件（或 KS_CA_HMAC_KEY）</translation>
    </message>
    <message>
        <source>do NOT verify the server (lab only; logged on every request)</source>
        <translation>不验证服务器（仅限实验环境；每次请求都会记录）</translation>
    </message>
    <message>
        <source>enroll: PKCS#10 request (PEM or DER)</source>
        <translation>enroll：PKCS#10 证书请求（PEM 或 DER）</translation>
    </message>
    <message>
        <source>enroll: hardware serial the certificate must name</source>
        <translation>enroll：证书必须包含的硬件序列号</translation>
    </message>
    <message>
        <source>enroll: EST simplereenroll</source>
        <translation>enroll：EST simplereenroll（重新签发）</translation>
    </message>
    <message>
        <source>enroll: required extendedKeyUsage OID (repeatable)</source>
        <translation>enroll：必需的扩展密钥用法 OID（可重复）</translation>
    </message>
    <message>
        <source>enroll: minimum remaining validity in days</source>
        <translation>enroll：最短剩余有效期（天）</translation>
    </message>
    <message>
        <source>enroll: write the issued certificate (PEM) here</source>
        <translation>enroll：将签发的证书（PEM）写入此处</translation>
    </message>
    <message>
        <source>Usage: keystation-cli ca info|enroll --protocol est|cfssl --url URL --ca-bundle FILE ...</source>
        <translation>用法：keystation-cli ca info|enroll --protocol est|cfssl --url URL --ca-bundle 文件 ...</translation>
    </message>
    <message>
        <source>ca enroll needs --csr FILE.</source>
        <translation>ca enroll 需要 --csr 文件。</translation>
    </message>
    <message>
        <source>--url must not carry a user name or password (user:password@host); use --user and --password-file.</source>
        <translation>--url 不能包含用户名或密码（user:password@host）；请使用 --user 和 --password-file。</translation>
    </message>
    <message>
        <source>--timeout takes a whole number of seconds, not '%1'.</source>
        <translation>--timeout 需要整数秒数，而不是“%1”。</translation>
    </message>
    <message>
        <source>Warning: --timeout is in seconds (it was milliseconds before); waiting %1 s.</source>
        <translation>警告：--timeout 以秒为单位（以前为毫秒）；将等待 %1 秒。</translation>
    </message>
    <message>
        <source>SCEP capabilities: %1</source>
        <translation>SCEP 能力：%1</translation>
    </message>
    <message>
        <source>Warning: CSR attributes ignored: %1</source>
        <translation>警告：已忽略证书请求属性：%1</translation>
    </message>
    <message>
        <source>The CSR's challengePassword is not the one in --challenge-file: make the CSR with that challenge.</source>
        <translation>CSR 的 challengePassword 与 --challenge-file 中的不一致：请用该质询密码生成 CSR。</translation>
    </message>
    <message>
        <source>est or cfssl (default %1, as in a profile)</source>
        <translation>est 或 cfssl（默认 %1，与模板相同）</translation>
    </message>
    <message>
        <source>CFSSL signing profile (cfssl's config.json)</source>
        <translation>CFSSL 签发配置（cfssl 的 config.json）</translation>
    </message>
    <message>
        <source>SHA-256 of the CA server's TLS public key (hex or sha256//base64; not a token PIN)</source>
        <translation>CA 服务器 TLS 公钥的 SHA-256（十六进制或 sha256//base64；不是密钥的 PIN）</translation>
    </message>
    <message>
        <source>request time-out in seconds</source>
        <translation>请求超时（秒）</translation>
    </message>
    <message>
        <source>SCEP: SHA-256 of the CA certificate (64 hex digits; required for scep)</source>
        <translation>SCEP：CA 证书的 SHA-256（64 位十六进制；scep 必需）</translation>
    </message>
    <message>
        <source>enroll, SCEP: the CSR's RSA private key (PEM, unencrypted, owner-only); signs the SCEP message. The CSR must carry the challenge password.</source>
        <translation>enroll，SCEP：CSR 的 RSA 私钥（PEM，未加密，仅所有者可读）；用于签署 SCEP 消息。CSR 必须带有质询密码。</translation>
    </message>
    <message>
        <source>enroll, SCEP: file holding the CA's challenge password (owner-only); the CSR must carry it</source>
        <translation>enroll，SCEP：存放 CA 质询密码的文件（仅所有者可读）；CSR 必须带有该密码</translation>
    </message>
    <message>
        <source>enroll: the operator asking for the certificate (journaled)</source>
        <translation>enroll：申请证书的操作员（记入日志）</translation>
    </message>
    <message>
        <source>enroll: read the --as operator's password from FILE</source>
        <translation>enroll：从文件读取 --as 操作员的密码</translation>
    </message>
    <message>
        <source>enroll: SQLite journal file</source>
        <translation>enroll：SQLite 日志库文件</translation>
    </message>
    <message>
        <source>enroll: PostgreSQL journal connection file</source>
        <translation>enroll：PostgreSQL 日志库连接文件</translation>
    </message>
    <message>
        <source>Could not journal the enrolment: %1</source>
        <translation>无法将本次证书申请记入日志：%1</translation>
    </message>
</context>
<context>
    <name>ks::app::Cli</name>
    <message>
        <source>Unknown command '%1'.</source>
        <translation>未知命令“%1”。</translation>
    </message>
    <message>
        <source>Exit status:
  0    all done
  1    the work ran but failed: a key failed or was refused, the log chain is broken, the
       issued certificate failed its check, an account rule refused the change
  2    usage or configuration error (bad option, bad profile, missing file, journal)
  3    the CA is unreachable (connection, TLS, time-out)
  4    authentication or permission (no operator name, wrong password, locked, role)
  5    no key present, or the PKCS#11 module cannot be loaded
  130  interrupted (Ctrl+C, SIGTERM) before the work finished
</source>
        <translation>退出状态：
  0    全部完成
  1    已执行但失败：有密钥失败或被拒绝、日志链已损坏、
       签发的证书未通过检查、账户规则拒绝了更改
  2    用法或配置错误（选项错误、模板错误、缺少文件、日志库）
  3    无法连接 CA（连接、TLS、超时）
  4    身份验证或权限（无操作员名称、密码错误、已锁定、角色）
  5    没有密钥，或无法加载 PKCS#11 模块
  130  工作完成前被中断（Ctrl+C、SIGTERM）
</translation>
    </message>
    <message>
        <source>'keystation-cli %1 --help' lists the options.</source>
        <translation>“keystation-cli %1 --help”列出全部选项。</translation>
    </message>
    <message>
        <source>Warning: --%1 is deprecated and will be removed in the next release; use --%2.</source>
        <translation>警告：--%1 已弃用，将在下一版本中删除；请使用 --%2。</translation>
    </message>
    <message>
        <source>Hint: cfssl signs with its default profile (24 hours, no extended key usage) when it does not know the profile asked for ('%1'): check that name against the signing profiles in the CA's config.json.</source>
        <translation>提示：cfssl 不认识所请求的签发配置（“%1”）时，会改用其默认配置（24 小时，无扩展密钥用法）：请对照 CA 的 config.json 中的签发配置检查该名称。</translation>
    </message>
    <message>
        <source>Usage: keystation-cli COMMAND [options]
       keystation-cli --version [--module PATH]

Commands:
  tokens [--watch] [--json] [--module PATH]      list or watch the keys on the hub
  ca info|enroll --protocol P --url URL ...      test a CA connection (enroll: journaled)
  provision --all [--continuous] --profile FILE  provision every key on the hub
            [--lot FILE] [--json]                under a lot; progress as JSON lines
  log [--batch ID] [--csv] | log verify | log anchor
                                                 read, export or verify the batch log
  operator add|passwd|role|disable|enable NAME | operator list
                                                 manage operator accounts
  lot list | lot show ID | lot report ID [--csv F] [--pem F] [--pdf F]
                                                 lots (work orders): counts, yield, hand-over
  doctor [--profile FILE] [--module PATH] [--json]  check the bench: module, pcscd, CA, clock,
                                                 journal, disk

Commands that act as an account take --as NAME --as-password-file FILE. Every --timeout
is in seconds. --verbose prints routine notes (module polling, loading) as well.
Environment: KEYSTATION_PROFILE, KEYSTATION_PKCS11_MODULE, KEYSTATION_JOURNAL.
'keystation-cli COMMAND --help' shows a command's options.

</source>
        <translation>用法：keystation-cli 命令 [选项]
      keystation-cli --version [--module 路径]

命令：
  tokens [--watch] [--json] [--module 路径]      列出或监视集线器上的密钥
  ca info|enroll --protocol P --url URL ...      测试 CA 连接（enroll 会记入日志）
  provision --all [--continuous] --profile 文件  为集线器上的每个密钥签发证书
            [--lot 文件] [--json]                按生产批次发行；以 JSON 行输出进度
  log [--batch ID] [--csv] | log verify | log anchor
                                                 读取、导出或验证批次日志
  operator add|passwd|role|disable|enable 名称 | operator list
                                                 管理操作员账户
  lot list | lot show ID | lot report ID [--csv F] [--pem F] [--pdf F]
                                                 生产批次（工单）：计数、良率、交接
  doctor [--profile 文件] [--module 路径] [--json]  检查工作台：模块、pcscd、CA、时钟、
                                                 日志库、磁盘

以某个账户身份执行的命令使用 --as 名称 --as-password-file 文件。所有 --timeout
均以秒为单位。--verbose 还会输出例行信息（模块轮询、加载）。
环境变量：KEYSTATION_PROFILE、KEYSTATION_PKCS11_MODULE、KEYSTATION_JOURNAL。
“keystation-cli 命令 --help”显示该命令的选项。

</translation>
    </message>
</context>
<context>
    <name>ks::app::DoctorCommand</name>
    <message>
        <source>Check the bench before a shift: the profile, the PKCS#11 module, pcscd and the readers (OpenSC), the CA (anchor, TLS pin, its certificate's validity, the clock), the journal and the disk. One line per check; exit 1 when a check fails (warnings do not).</source>
        <translation>在换班前检查工作台：模板、PKCS#11 模块、pcscd 和读卡器（OpenSC）、CA（信任锚、TLS 固定值、其证书有效期、时钟）、日志库和磁盘。每项检查输出一行；有检查失败时退出状态为 1（警告不计）。</translation>
    </message>
    <message>
        <source>Profile file (default $KEYSTATION_PROFILE, else ~/.config/KeyStation/keystation/profile.json).</source>
        <translation>模板文件（默认 $KEYSTATION_PROFILE，否则 ~/.config/KeyStation/keystation/profile.json）。</translation>
    </message>
    <message>
        <source>PKCS#11 module of the hub (default $KEYSTATION_PKCS11_MODULE or OpenSC).</source>
        <translation>集线器的 PKCS#11 模块（默认 $KEYSTATION_PKCS11_MODULE 或 OpenSC）。</translation>
    </message>
    <message>
        <source>SQLite journal file (default $KEYSTATION_JOURNAL).</source>
        <translation>SQLite 日志文件（默认 $KEYSTATION_JOURNAL）。</translation>
    </message>
    <message>
        <source>PostgreSQL journal connection file.</source>
        <translation>PostgreSQL 日志库连接文件。</translation>
    </message>
    <message>
        <source>One JSON document with every check.</source>
        <translation>以一个 JSON 文档输出所有检查结果。</translation>
    </message>
    <message>
        <source>Seconds to wait for the CA (default 15).</source>
        <translation>等待 CA 响应的秒数（默认 15）。</translation>
    </message>
    <message>
        <source>--timeout takes a whole number of seconds, at least 1.</source>
        <translation>--timeout 需要整数秒数，至少为 1。</translation>
    </message>
</context>
<context>
    <name>ks::app::JobDetailsDialog</name>
    <message>
        <source>Hardware serial:</source>
        <translation>硬件序列号：</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>型号：</translation>
    </message>
    <message>
        <source>Already provisioned</source>
        <translation>此前已发行</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Failed while: %1</source>
        <translation>在此步骤失败：%1</translation>
    </message>
    <message>
        <source>Outcome:</source>
        <translation>结果：</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <source>Certificate serial:</source>
        <translation>证书序列号：</translation>
    </message>
    <message>
        <source>Valid until:</source>
        <translation>有效期至：</translation>
    </message>
    <message>
        <source>Total time:</source>
        <translation>总耗时：</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>resumed an earlier attempt</source>
        <translation>续接了先前的一次尝试</translation>
    </message>
    <message>
        <source>key pair generated on the key</source>
        <translation>在密钥上生成了密钥对</translation>
    </message>
    <message>
        <source>certificate requested from the CA</source>
        <translation>已向 CA 申请证书</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Next step:</source>
        <translation>下一步：</translation>
    </message>
    <message>
        <source>Took</source>
        <translation>耗时</translation>
    </message>
    <message>
        <source>Port %1 — details</source>
        <translation>端口 %1 — 详情</translation>
    </message>
</context>
<context>
    <name>ks::app::LogCommand</name>
    <message>
        <source>Read, export or verify the batch log.</source>
        <translation>读取、导出或校验批次日志。</translation>
    </message>
    <message>
        <source>only this batch</source>
        <translation>仅此批次</translation>
    </message>
    <message>
        <source>only this operator's keys</source>
        <translation>仅此操作员处理的密钥</translation>
    </message>
    <message>
        <source>done, failed, cancelled or running</source>
        <translation>done、failed、cancelled 或 running</translation>
    </message>
    <message>
        <source>hardware serial contains TEXT</source>
        <translation>硬件序列号包含 TEXT</translation>
    </message>
    <message>
        <source>started at or after (ISO 8601, UTC)</source>
        <translation>开始时间不早于（ISO 8601，UTC）</translation>
    </message>
    <message>
        <source>started before (ISO 8601, UTC)</source>
        <translation>开始时间早于（ISO 8601，UTC）</translation>
    </message>
    <message>
        <source>write RFC 4180 CSV</source>
        <translation>输出 RFC 4180 CSV</translation>
    </message>
    <message>
        <source>the supervisor reading the log</source>
        <translation>查阅日志的主管</translation>
    </message>
    <message>
        <source>read the --as operator's password from FILE</source>
        <translation>从文件读取 --as 操作员的密码</translation>
    </message>
    <message>
        <source>PostgreSQL connection file</source>
        <translation>PostgreSQL 连接文件</translation>
    </message>
    <message>
        <source>'%1' is not an ISO 8601 time.</source>
        <translation>“%1”不是 ISO 8601 时间。</translation>
    </message>
    <message>
        <source>STARTED (UTC)        SERIAL            STATE      OPERATOR    STATION     MS      CERT SERIAL / ERROR</source>
        <translation>开始时间 (UTC)       序列号            状态       操作员      工位        毫秒    证书序列号 / 错误</translation>
    </message>
    <message numerus="yes">
        <source>%n attempt(s).</source>
        <translation><numerusform>%n 条发行记录。</numerusform></translation>
    </message>
    <message>
        <source>verify: check the hash chain instead of listing; anchor: print the chain head to keep outside the database</source>
        <translation>verify：校验哈希链而不列出记录；anchor：输出链头，以便在数据库之外保存</translation>
    </message>
    <message>
        <source>verify: also check the anchors in FILE (from 'log anchor' or the station's anchor file)</source>
        <translation>verify：同时校验文件中的锚点（来自“log anchor”或工位的锚点文件）</translation>
    </message>
    <message>
        <source>SQLite journal file (default $KEYSTATION_JOURNAL).</source>
        <translation>SQLite 日志文件（默认 $KEYSTATION_JOURNAL）。</translation>
    </message>
    <message>
        <source>Unknown --state '%1': use one of %2.</source>
        <translation>未知的 --state“%1”：请使用 %2 之一。</translation>
    </message>
</context>
<context>
    <name>ks::app::LogFilterBar</name>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Hardware serial contains…</source>
        <translation>硬件序列号包含…</translation>
    </message>
    <message>
        <source>All batches</source>
        <translation>所有批次</translation>
    </message>
    <message>
        <source>All operators</source>
        <translation>所有操作员</translation>
    </message>
    <message>
        <source>All results</source>
        <translation>所有结果</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>batch %1</source>
        <translation>批次 %1</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>自 %1</translation>
    </message>
    <message>
        <source>before %1</source>
        <translation>早于 %1</translation>
    </message>
    <message>
        <source>operator %1</source>
        <translation>操作员 %1</translation>
    </message>
    <message>
        <source>result %1</source>
        <translation>结果 %1</translation>
    </message>
    <message>
        <source>serial contains "%1"</source>
        <translation>序列号包含“%1”</translation>
    </message>
    <message>
        <source>All attempts</source>
        <translation>所有发行记录</translation>
    </message>
</context>
<context>
    <name>ks::app::LogText</name>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Attempt</source>
        <translation>发行记录</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>started</source>
        <translation>已开始</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>Already provisioned</source>
        <translation>此前已发行</translation>
    </message>
</context>
<context>
    <name>ks::app::LoginDialog</name>
    <message>
        <source>KeyStation — operator login</source>
        <translation>KeyStation — 操作员登录</translation>
    </message>
    <message>
        <source>Log in with your operator name and password.</source>
        <translation>请输入操作员名称和密码登录。</translation>
    </message>
    <message>
        <source>KeyStation — first start</source>
        <translation>KeyStation — 首次启动</translation>
    </message>
    <message>
        <source>This station has no administrator yet. Create the first administrator account; it can then add operators and supervisors.</source>
        <translation>本工位尚无管理员。请创建第一个管理员账户，之后即可由其添加操作员和主管。</translation>
    </message>
    <message>
        <source>KeyStation — locked</source>
        <translation>KeyStation — 已锁定</translation>
    </message>
    <message>
        <source>The station was locked after a period without activity. %1 or an administrator may unlock it.</source>
        <translation>由于一段时间无操作，工位已锁定。只有 %1 或管理员可以解锁。</translation>
    </message>
    <message>
        <source>Operator name:</source>
        <translation>操作员名称：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Repeat password:</source>
        <translation>再次输入密码：</translation>
    </message>
    <message>
        <source>Create administrator</source>
        <translation>创建管理员</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>注销</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Enter a name and a password.</source>
        <translation>请输入名称和密码。</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>Only %1 or an administrator may unlock this station.</source>
        <translation>只有 %1 或管理员可以解锁本工位。</translation>
    </message>
    <message>
        <source>Or log in with your badge key</source>
        <translation>或使用您的工卡密钥登录</translation>
    </message>
    <message>
        <source>Log in with badge</source>
        <translation>使用工卡登录</translation>
    </message>
    <message>
        <source>Badge key:</source>
        <translation>工卡密钥：</translation>
    </message>
    <message>
        <source>Badge PIN:</source>
        <translation>工卡PIN码：</translation>
    </message>
    <message>
        <source>Slot %1 — %2 — %3</source>
        <translation>插槽 %1 — %2 — %3</translation>
    </message>
    <message>
        <source>Choose your badge key and enter its PIN.</source>
        <translation>请选择您的工卡密钥并输入其PIN码。</translation>
    </message>
</context>
<context>
    <name>ks::app::LotBanner</name>
    <message>
        <source>Lot %1</source>
        <translation>生产批次 %1</translation>
    </message>
    <message>
        <source>target %1 keys; reading the counts…</source>
        <translation>目标 %1 个密钥；正在读取计数…</translation>
    </message>
    <message>
        <source>target %1 keys; no key provisioned in this lot yet</source>
        <translation>目标 %1 个密钥；本生产批次中尚未发行任何密钥</translation>
    </message>
    <message>
        <source>Lot complete.</source>
        <translation>生产批次已完成。</translation>
    </message>
</context>
<context>
    <name>ks::app::LotCommand</name>
    <message>
        <source>No lot '%1' in this journal ('keystation-cli lot list' lists them).</source>
        <translation>此日志库中没有生产批次“%1”（“keystation-cli lot list”可列出所有生产批次）。</translation>
    </message>
    <message>
        <source>Lot %1</source>
        <translation>生产批次 %1</translation>
    </message>
    <message>
        <source>profile</source>
        <translation>模板</translation>
    </message>
    <message>
        <source>customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>model</source>
        <translation>型号</translation>
    </message>
    <message>
        <source>quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>已拒收</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>running</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>remaining</source>
        <translation>剩余</translation>
    </message>
    <message>
        <source>first-pass yield</source>
        <translation>直通率</translation>
    </message>
    <message>
        <source>final yield</source>
        <translation>最终良率</translation>
    </message>
    <message>
        <source>keys per hour</source>
        <translation>每小时密钥数</translation>
    </message>
    <message>
        <source>first attempt</source>
        <translation>首次发行</translation>
    </message>
    <message>
        <source>last finished</source>
        <translation>最后完成</translation>
    </message>
    <message>
        <source>done by station</source>
        <translation>按工位统计的完成数</translation>
    </message>
    <message>
        <source>done by operator</source>
        <translation>按操作员统计的完成数</translation>
    </message>
    <message>
        <source>Cannot write the %1 to %2: %3</source>
        <translation>无法将%1写入 %2：%3</translation>
    </message>
    <message>
        <source>Wrote the %1 to %2</source>
        <translation>已将%1写入 %2</translation>
    </message>
    <message numerus="yes">
        <source>CSV of %n key(s)</source>
        <translation><numerusform>%n 个密钥的 CSV</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>PEM bundle of %n certificate(s)</source>
        <translation><numerusform>%n 个证书的 PEM 证书包</numerusform></translation>
    </message>
    <message>
        <source>PDF summary</source>
        <translation>PDF 汇总</translation>
    </message>
    <message>
        <source>Lots (work orders): their counts and yields from the journal, and the hand-over of a lot's keys (docs/lots.md).
  list         every lot: id, profile, quantity, done, remaining
  show ID      one lot's counts: done, failed, refused, interrupted, remaining, yields,
               keys per hour, by station and operator
  report ID    the lot's done keys (serial, certificate serial, SHA-256 fingerprint,
               validity); --csv, --pem and --pdf write the hand-over files</source>
        <translation>生产批次（工单）：日志库中的计数和良率，以及生产批次密钥的交接（docs/lots.md）。
  list         所有生产批次：ID、模板、数量、完成数、剩余数
  show ID      一个生产批次的计数：完成、失败、拒收、中断、剩余、良率、
               每小时密钥数，按工位和操作员统计
  report ID    生产批次中已完成的密钥（序列号、证书序列号、SHA-256 指纹、
               有效期）；--csv、--pem 和 --pdf 写入交接文件</translation>
    </message>
    <message>
        <source>list, show or report</source>
        <translation>list、show 或 report</translation>
    </message>
    <message>
        <source>list, show: write JSON</source>
        <translation>list、show：输出 JSON</translation>
    </message>
    <message>
        <source>report: write the keys as CSV to FILE</source>
        <translation>report：将密钥以 CSV 格式写入文件</translation>
    </message>
    <message>
        <source>report: write the lot's certificates as one PEM bundle to FILE</source>
        <translation>report：将生产批次的证书作为一个 PEM 证书包写入文件</translation>
    </message>
    <message>
        <source>report: write a PDF summary (counts, yields, the keys, a signature line) to FILE</source>
        <translation>report：将 PDF 汇总（计数、良率、密钥、签字栏）写入文件</translation>
    </message>
    <message>
        <source>the supervisor reading the lot</source>
        <translation>查阅生产批次的主管</translation>
    </message>
    <message>
        <source>read the --as operator's password from FILE</source>
        <translation>从文件读取 --as 操作员的密码</translation>
    </message>
    <message>
        <source>SQLite journal file (default $KEYSTATION_JOURNAL).</source>
        <translation>SQLite 日志文件（默认 $KEYSTATION_JOURNAL）。</translation>
    </message>
    <message>
        <source>PostgreSQL connection file</source>
        <translation>PostgreSQL 连接文件</translation>
    </message>
    <message>
        <source>LOT                   PROFILE               QUANTITY  DONE  REMAINING  CUSTOMER</source>
        <translation>生产批次              模板                  数量      完成  剩余       客户</translation>
    </message>
    <message numerus="yes">
        <source>%n lot(s).</source>
        <translation><numerusform>%n 个生产批次。</numerusform></translation>
    </message>
    <message>
        <source>SERIAL            CERT SERIAL                       NOT BEFORE (UTC)     NOT AFTER (UTC)      SHA-256</source>
        <translation>序列号            证书序列号                        生效时间 (UTC)       失效时间 (UTC)       SHA-256</translation>
    </message>
    <message numerus="yes">
        <source>%n key(s) done in lot %1.</source>
        <translation><numerusform>生产批次 %1 中已完成 %n 个密钥。</numerusform></translation>
    </message>
</context>
<context>
    <name>ks::app::LotPickerDialog</name>
    <message>
        <source>Choose the lot</source>
        <translation>选择生产批次</translation>
    </message>
    <message>
        <source>Which lot (work order) do the keys on this bench belong to? Keys whose serial is not in the lot are refused before anything touches them.</source>
        <translation>此工作台上的密钥属于哪个生产批次（工单）？序列号不在该生产批次中的密钥，会在进行任何操作之前被拒收。</translation>
    </message>
    <message>
        <source>No lot (provision any key)</source>
        <translation>不使用生产批次（发行任意密钥）</translation>
    </message>
    <message>
        <source>Load manifest file…</source>
        <translation>加载清单文件…</translation>
    </message>
    <message>
        <source>Use this lot</source>
        <translation>使用此生产批次</translation>
    </message>
    <message>
        <source>in use</source>
        <translation>使用中</translation>
    </message>
    <message>
        <source>Reading the lots in the journal…</source>
        <translation>正在读取日志库中的生产批次…</translation>
    </message>
    <message>
        <source>Cannot read the journal's lots: %1</source>
        <translation>无法读取日志库中的生产批次：%1</translation>
    </message>
    <message>
        <source>in the journal</source>
        <translation>在日志库中</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message numerus="yes">
        <source>%n key(s), profile %1</source>
        <translation><numerusform>%n 个密钥，模板 %1</numerusform></translation>
    </message>
    <message>
        <source>Loaded %1.</source>
        <translation>已加载 %1。</translation>
    </message>
    <message>
        <source>file %1</source>
        <translation>文件 %1</translation>
    </message>
    <message>
        <source>Load a lot manifest</source>
        <translation>加载生产批次清单</translation>
    </message>
    <message>
        <source>Lot manifests (*.json);;All files (*)</source>
        <translation>生产批次清单 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>No lot: every key on the bench is provisioned with the profile, as without lots.</source>
        <translation>不使用生产批次：工作台上的每个密钥都按模板发行，与未启用生产批次时相同。</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>生产批次</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Key model</source>
        <translation>密钥型号</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Allowed serials</source>
        <translation>允许的序列号</translation>
    </message>
    <message numerus="yes">
        <source>%n listed</source>
        <translation><numerusform>列出 %n 个</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n range(s)</source>
        <translation><numerusform>%n 个范围</numerusform></translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>模板</translation>
    </message>
    <message>
        <source>This lot is for profile “%1”; this station runs profile “%2”. Start the station with the lot's profile.</source>
        <translation>此生产批次使用模板“%1”，而本工位运行的是模板“%2”。请使用该生产批次的模板启动工位。</translation>
    </message>
    <message>
        <source>The journal already holds a different lot with the id %1. Give this manifest another id.</source>
        <translation>日志库中已有另一个 ID 为 %1 的生产批次。请为此清单指定其他 ID。</translation>
    </message>
</context>
<context>
    <name>ks::app::LotView</name>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Export report…</source>
        <translation>导出报告…</translation>
    </message>
    <message>
        <source>The hand-over for the customer: every key (CSV), the certificates (one PEM bundle) and a PDF summary with a signature line</source>
        <translation>交付客户的交接文件：所有密钥（CSV）、证书（一个 PEM 证书包）以及带签字栏的 PDF 汇总</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>生产批次</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>型号</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>模板</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>已拒收</translation>
    </message>
    <message>
        <source>Remaining</source>
        <translation>剩余</translation>
    </message>
    <message>
        <source>First-pass yield</source>
        <translation>直通率</translation>
    </message>
    <message>
        <source>Final yield</source>
        <translation>最终良率</translation>
    </message>
    <message>
        <source>Keys/h</source>
        <translation>密钥/小时</translation>
    </message>
    <message>
        <source>No journal is open.</source>
        <translation>未打开任何日志库。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Cannot read the lots: %1</source>
        <translation>无法读取生产批次：%1</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>No lots yet: choose a lot on the bench (Lot…) before Provision all.</source>
        <translation>尚无生产批次：请先在工作台上选择生产批次（“生产批次…”），再点击“全部发行”。</translation>
    </message>
    <message>
        <source>Select a lot to see its counts.</source>
        <translation>选择一个生产批次以查看其计数。</translation>
    </message>
    <message>
        <source>Lot %1</source>
        <translation>生产批次 %1</translation>
    </message>
    <message>
        <source>profile %1</source>
        <translation>模板 %1</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Refused by the lot</source>
        <translation>被生产批次拒收</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Keys per hour</source>
        <translation>每小时密钥数</translation>
    </message>
    <message>
        <source>First attempt</source>
        <translation>首次发行</translation>
    </message>
    <message>
        <source>Last key finished</source>
        <translation>最后一个密钥完成时间</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>暂无</translation>
    </message>
    <message>
        <source>Done by station</source>
        <translation>按工位统计的完成数</translation>
    </message>
    <message>
        <source>Done by operator</source>
        <translation>按操作员统计的完成数</translation>
    </message>
    <message>
        <source>Where to write the hand-over report of lot %1</source>
        <translation>生产批次 %1 的交接报告保存位置</translation>
    </message>
    <message>
        <source>Writing the report of lot %1…</source>
        <translation>正在写入生产批次 %1 的报告…</translation>
    </message>
    <message numerus="yes">
        <source>Report of lot %1 (%n key(s)) written to %2.</source>
        <translation><numerusform>生产批次 %1 的报告（%n 个密钥）已写入 %2。</numerusform></translation>
    </message>
    <message>
        <source>The report of lot %1 could not be written: %2</source>
        <translation>无法写入生产批次 %1 的报告：%2</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>Show the report's files in the file manager</source>
        <translation>在文件管理器中显示报告文件</translation>
    </message>
</context>
<context>
    <name>ks::app::MainWindow</name>
    <message>
        <source>KeyStation — %1</source>
        <translation>KeyStation — %1</translation>
    </message>
    <message>
        <source>Bench</source>
        <translation>工作台</translation>
    </message>
    <message>
        <source>Batch log</source>
        <translation>批次日志</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>Station locked. Running batches continue.
Log in again to see the bench.</source>
        <translation>工位已锁定，正在运行的批次继续进行。
请重新登录以查看工作台。</translation>
    </message>
    <message>
        <source>&amp;Station</source>
        <translation>工位(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>锁定(&amp;L)</translation>
    </message>
    <message>
        <source>Log &amp;out</source>
        <translation>注销(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About KeyStation</source>
        <translation>关于 KeyStation(&amp;A)</translation>
    </message>
    <message>
        <source>Logged in as %1 (%2)</source>
        <translation>当前登录：%1（%2）</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>注销</translation>
    </message>
    <message>
        <source>A batch is running. It keeps running after you log out. Log out anyway?</source>
        <translation>有批次正在运行，注销后它将继续运行。仍要注销吗？</translation>
    </message>
    <message>
        <source>Quit KeyStation</source>
        <translation>退出 KeyStation</translation>
    </message>
    <message>
        <source>A batch is running. Quitting cancels the keys in progress; they resume at the next start. Quit?</source>
        <translation>有批次正在运行。退出将取消正在处理的密钥，下次启动时会从中断处继续。确定退出吗？</translation>
    </message>
    <message>
        <source>About KeyStation</source>
        <translation>关于 KeyStation</translation>
    </message>
    <message>
        <source>&lt;b&gt;KeyStation&lt;/b&gt; %1&lt;br&gt;Batch provisioning of USB PKI keys with certificates bound to each key's hardware serial.</source>
        <translation>&lt;b&gt;KeyStation&lt;/b&gt; %1&lt;br&gt;USB PKI 密钥批量发行工具，证书与每个密钥的硬件序列号绑定。</translation>
    </message>
    <message>
        <source>Needs a person:</source>
        <translation>需要人工处理：</translation>
    </message>
</context>
<context>
    <name>ks::app::OperatorCommand</name>
    <message>
        <source>This needs an authenticated operator: give --as NAME.</source>
        <translation>此操作需要已认证的操作员：请提供 --as 名称。</translation>
    </message>
    <message>
        <source>Password for %1: </source>
        <translation>%1 的密码： </translation>
    </message>
    <message>
        <source>No password given.</source>
        <translation>未提供密码。</translation>
    </message>
    <message>
        <source>New password for %1: </source>
        <translation>%1 的新密码： </translation>
    </message>
    <message>
        <source>Repeat the password: </source>
        <translation>再次输入密码： </translation>
    </message>
    <message>
        <source>The passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>Manage operator accounts.</source>
        <translation>管理操作员账户。</translation>
    </message>
    <message>
        <source>the account</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>operator, supervisor or administrator</source>
        <translation>operator（操作员）、supervisor（主管）或 administrator（管理员）</translation>
    </message>
    <message>
        <source>the administrator doing this</source>
        <translation>执行此操作的管理员</translation>
    </message>
    <message>
        <source>read the --as operator's password from FILE</source>
        <translation>从文件读取 --as 操作员的密码</translation>
    </message>
    <message>
        <source>read the new password from FILE</source>
        <translation>从文件读取新密码</translation>
    </message>
    <message>
        <source>PostgreSQL connection file</source>
        <translation>PostgreSQL 连接文件</translation>
    </message>
    <message>
        <source>Unknown role '%1'.</source>
        <translation>未知角色“%1”。</translation>
    </message>
    <message>
        <source>The first account must be an administrator (--role administrator).</source>
        <translation>第一个账户必须是管理员（--role administrator）。</translation>
    </message>
    <message>
        <source>Administrator %1 created.</source>
        <translation>已创建管理员 %1。</translation>
    </message>
    <message>
        <source>Operator %1 (%2) added.</source>
        <translation>已添加操作员 %1（%2）。</translation>
    </message>
    <message>
        <source>Password of %1 changed.</source>
        <translation>已更改 %1 的密码。</translation>
    </message>
    <message>
        <source>Operator %1 disabled.</source>
        <translation>已停用操作员 %1。</translation>
    </message>
    <message>
        <source>Operator %1 enabled.</source>
        <translation>已启用操作员 %1。</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <source>active</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Unknown action '%1'.</source>
        <translation>未知操作“%1”。</translation>
    </message>
    <message>
        <source>add, passwd, role, disable, enable or list</source>
        <translation>add、passwd、role、disable、enable 或 list</translation>
    </message>
    <message>
        <source>SQLite journal file (default $KEYSTATION_JOURNAL).</source>
        <translation>SQLite 日志文件（默认 $KEYSTATION_JOURNAL）。</translation>
    </message>
    <message>
        <source>Give the new role: --role operator|supervisor|administrator.</source>
        <translation>请指定新角色：--role operator|supervisor|administrator。</translation>
    </message>
    <message>
        <source>Operator %1 is now %2.</source>
        <translation>操作员 %1 现在的角色为 %2。</translation>
    </message>
</context>
<context>
    <name>ks::app::ProvisionCommand</name>
    <message>
        <source>Provision every key on the hub with a certificate from the CA.</source>
        <translation>为集线器上的每个密钥从 CA 获取证书并写入。</translation>
    </message>
    <message>
        <source>Every key present (required).</source>
        <translation>所有在位的密钥（必填）。</translation>
    </message>
    <message>
        <source>Keep going: keys plugged in later join the batch. Ctrl+C ends the batch.</source>
        <translation>持续运行：之后插入的密钥加入本批次。按 Ctrl+C 结束批次。</translation>
    </message>
    <message>
        <source>PKCS#11 module of the hub (default $KEYSTATION_PKCS11_MODULE or OpenSC).</source>
        <translation>集线器的 PKCS#11 模块（默认 $KEYSTATION_PKCS11_MODULE 或 OpenSC）。</translation>
    </message>
    <message>
        <source>PostgreSQL journal connection file.</source>
        <translation>PostgreSQL 日志库连接文件。</translation>
    </message>
    <message>
        <source>Say --all: provisioning takes every key on the hub.</source>
        <translation>请指定 --all：发行将处理集线器上的所有密钥。</translation>
    </message>
    <message>
        <source>Cannot start the station: %1</source>
        <translation>无法启动工位：%1</translation>
    </message>
    <message>
        <source>Password for %1: </source>
        <translation>%1 的密码： </translation>
    </message>
    <message>
        <source>The CA is not usable: %1</source>
        <translation>CA 不可用：%1</translation>
    </message>
    <message>
        <source>CA: %1</source>
        <translation>CA：%1</translation>
    </message>
    <message>
        <source>ALREADY PROVISIONED (certificate %1, valid until %2)</source>
        <translation>此前已发行（证书 %1，有效期至 %2）</translation>
    </message>
    <message>
        <source>DONE in %1 s: certificate %2, valid until %3%4</source>
        <translation>完成，用时 %1 秒：证书 %2，有效期至 %3%4</translation>
    </message>
    <message>
        <source> (resumed)</source>
        <translation>（续接）</translation>
    </message>
    <message>
        <source>FAILED at %1 [%2]: %3</source>
        <translation>在 %1 失败 [%2]：%3</translation>
    </message>
    <message>
        <source>Key %1 can be swapped.</source>
        <translation>密钥 %1 可以更换了。</translation>
    </message>
    <message>
        <source>Batch %1: %2 done (%3 already provisioned), %4 failed, %5 cancelled, %6 s, %7 keys/min</source>
        <translation>批次 %1：%2 个完成（%3 个此前已发行），%4 个失败，%5 个已取消，用时 %6 秒，每分钟 %7 个密钥</translation>
    </message>
    <message>
        <source>Batch %1 started by %2.</source>
        <translation>批次 %1 由 %2 启动。</translation>
    </message>
    <message>
        <source>Also provision keys that already hold a certificate, of this profile or of another CA or profile (left for a person otherwise); the certificate already there stays.</source>
        <translation>对已持有证书的密钥也进行发行，无论证书来自本配置还是其他 CA 或配置（否则留给人工处理）；已有证书保持不变。</translation>
    </message>
    <message>
        <source>Profile file (default $KEYSTATION_PROFILE, else ~/.config/KeyStation/keystation/profile.json).</source>
        <translation>模板文件（默认 $KEYSTATION_PROFILE，否则 ~/.config/KeyStation/keystation/profile.json）。</translation>
    </message>
    <message>
        <source>SQLite journal file (default $KEYSTATION_JOURNAL).</source>
        <translation>SQLite 日志文件（默认 $KEYSTATION_JOURNAL）。</translation>
    </message>
    <message>
        <source>Log in again to keys whose last attempt ended at the PIN (wrong PIN, few tries left), after a supervisor has checked them. Without it they are left alone.</source>
        <translation>主管检查后，重新登录上次尝试止于PIN码的密钥（PIN码错误、剩余尝试次数过少）。不加此选项时，这些密钥保持不动。</translation>
    </message>
    <message>
        <source>Run every key's PKCS#11 work in this process instead of a worker process per key (OpenSC then handles one key at a time).</source>
        <translation>在本进程中执行所有密钥的 PKCS#11 操作，而不是为每个密钥启动一个工作进程（此时 OpenSC 一次只处理一个密钥）。</translation>
    </message>
    <message>
        <source>The operator running the batch (default $USER).</source>
        <translation>执行本批次的操作员（默认 $USER）。</translation>
    </message>
    <message>
        <source>Read the --as operator's password from this file (else the terminal or stdin).</source>
        <translation>从此文件读取 --as 操作员的密码（否则从终端或标准输入读取）。</translation>
    </message>
    <message>
        <source>Append the journal's chain head to this file at each batch end (for 'log verify --anchor').</source>
        <translation>每个批次结束时，将日志库的链头追加到此文件（供“log verify --anchor”使用）。</translation>
    </message>
    <message>
        <source>No operator name: give --as NAME (the account running the batch; $USER is empty).</source>
        <translation>没有操作员名称：请用 --as 名称 指定执行本批次的账户（$USER 为空）。</translation>
    </message>
    <message>
        <source>Journal anchor: %1</source>
        <translation>日志锚点：%1</translation>
    </message>
    <message>
        <source>No keys found through %1.</source>
        <translation>通过 %1 未找到任何密钥。</translation>
    </message>
    <message>
        <source>Run the batch under the lot (work order) in FILE (docs/lots.md; loaded into the journal the first time): a key whose serial is not in the lot, already done in it, or beyond its quantity is refused before login. Refused keys are listed but are not failures: the exit status is 0 when every key the lot admitted is done. The lot's counts are printed at the end.</source>
        <translation>按文件中的生产批次（工单）运行本批次（docs/lots.md；首次使用时载入日志库）：序列号不在该生产批次中、已在其中完成或超出其数量的密钥，会在登录之前被拒收。被拒收的密钥会列出，但不算失败：生产批次接纳的所有密钥都完成时，退出状态为 0。结束时输出该生产批次的计数。</translation>
    </message>
    <message>
        <source>Progress as one JSON object per line on standard output (batchStarted, keyAdded, stepStarted, stepEnded, keyDone, keyFailed, batchFinished; docs/cli.md); the text for people goes to standard error.</source>
        <translation>在标准输出上以每行一个 JSON 对象输出进度（batchStarted、keyAdded、stepStarted、stepEnded、keyDone、keyFailed、batchFinished；docs/cli.md）；供人阅读的文字输出到标准错误。</translation>
    </message>
    <message>
        <source>No password read from %1.</source>
        <translation>未从 %1 读取到密码。</translation>
    </message>
    <message>
        <source>REFUSED [%1]: %2</source>
        <translation>已拒收 [%1]：%2</translation>
    </message>
    <message numerus="yes">
        <source>%n key(s) refused by the lot (not failures of the batch).</source>
        <translation><numerusform>%n 个密钥被生产批次拒收（不计为本批次的失败）。</numerusform></translation>
    </message>
    <message>
        <source>Cannot write the label sheet: %1</source>
        <translation>无法写入标签页：%1</translation>
    </message>
    <message>
        <source>Label sheet: %1</source>
        <translation>标签页：%1</translation>
    </message>
    <message>
        <source>Lot %1: %2 of %3 done, %4 remaining, %5 failed, %6 refused, %7 interrupted; first-pass yield %8 %, final yield %9 %</source>
        <translation>生产批次 %1：已完成 %2 / %3，剩余 %4，失败 %5，拒收 %6，中断 %7；直通率 %8 %，最终良率 %9 %</translation>
    </message>
    <message>
        <source>Cannot read the lot's counts: %1</source>
        <translation>无法读取生产批次的计数：%1</translation>
    </message>
    <message>
        <source>Lot %1: %2 key(s) of profile %3%4.</source>
        <translation>生产批次 %1：%2 个密钥，模板 %3%4。</translation>
    </message>
    <message>
        <source> for %1</source>
        <translation>，客户 %1</translation>
    </message>
    <message>
        <source>Sync every journal event to the disk before going on, not only those before a step that changes the key or asks the CA (slower; docs/journal.md).</source>
        <translation>每条日志事件都先同步到磁盘再继续，而不仅是更改密钥或请求 CA 的步骤之前的事件（较慢；见 docs/journal.md）。</translation>
    </message>
</context>
<context>
    <name>ks::app::SettingsWidget</name>
    <message>
        <source>Station (applies at the next start)</source>
        <translation>工位（下次启动时生效）</translation>
    </message>
    <message>
        <source>Provisioning profile (JSON):</source>
        <translation>发行模板（JSON）：</translation>
    </message>
    <message>
        <source>Profiles (*.json)</source>
        <translation>模板 (*.json)</translation>
    </message>
    <message>
        <source>PKCS#11 module of the hub:</source>
        <translation>集线器的 PKCS#11 模块：</translation>
    </message>
    <message>
        <source>PKCS#11 modules (*.so)</source>
        <translation>PKCS#11 模块 (*.so)</translation>
    </message>
    <message>
        <source>SQLite file (this station)</source>
        <translation>SQLite 文件（仅本工位）</translation>
    </message>
    <message>
        <source>PostgreSQL (shared by stations)</source>
        <translation>PostgreSQL（多个工位共享）</translation>
    </message>
    <message>
        <source>Journal:</source>
        <translation>日志库：</translation>
    </message>
    <message>
        <source>default: the application data folder</source>
        <translation>默认：应用程序数据目录</translation>
    </message>
    <message>
        <source>SQLite journal file:</source>
        <translation>SQLite 日志库文件：</translation>
    </message>
    <message>
        <source>SQLite files (*.sqlite *.db)</source>
        <translation>SQLite 文件 (*.sqlite *.db)</translation>
    </message>
    <message>
        <source>PostgreSQL connection file:</source>
        <translation>PostgreSQL 连接文件：</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>The CA endpoint, its credentials, the trust anchors and the PIN policy are part of the provisioning profile.</source>
        <translation>CA 地址、凭据、信任锚和PIN码策略都在发行模板中配置。</translation>
    </message>
    <message>
        <source>Feedback</source>
        <translation>提示反馈</translation>
    </message>
    <message>
        <source>Play a sound when a key is done or fails</source>
        <translation>密钥完成或失败时播放提示音</translation>
    </message>
    <message>
        <source>Speak the result ("Key 3 failed: wrong PIN")</source>
        <translation>语音播报结果（“密钥 3 失败：PIN码错误”）</translation>
    </message>
    <message>
        <source>Session and language</source>
        <translation>会话与语言</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>Lock after inactivity:</source>
        <translation>无操作后锁定：</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <source>Language (applies at the next start):</source>
        <translation>界面语言（下次启动时生效）：</translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation>保存设置</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <source>Saved. Feedback and lock apply now; station, journal and language at the next start.</source>
        <translation>已保存。提示反馈和锁定设置立即生效；工位、日志库和语言设置在下次启动时生效。</translation>
    </message>
    <message>
        <source>empty: password login only</source>
        <translation>留空：仅使用密码登录</translation>
    </message>
    <message>
        <source>Operator CA for badge login (PEM):</source>
        <translation>工卡登录所用的操作员 CA（PEM）：</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt)</source>
        <translation>证书 (*.pem *.crt)</translation>
    </message>
    <message>
        <source>List failed ports in a banner over the tiles while a batch runs</source>
        <translation>批次运行时，在密钥卡片上方的横幅中列出失败的端口</translation>
    </message>
    <message>
        <source>Show the summary in a banner over the tiles when a batch ends</source>
        <translation>批次结束时，在密钥卡片上方的横幅中显示汇总</translation>
    </message>
</context>
<context>
    <name>ks::app::StartupDoctor</name>
    <message>
        <source>Sound</source>
        <translation>声音</translation>
    </message>
    <message>
        <source>no audio output device: the operator will not hear a key finish or fail</source>
        <translation>没有音频输出设备：操作员将听不到密钥完成或失败的提示音</translation>
    </message>
    <message>
        <source>Connect speakers or headphones, or check the sound settings (pactl list sinks).</source>
        <translation>请连接扬声器或耳机，或检查声音设置（pactl list sinks）。</translation>
    </message>
    <message>
        <source>audio output: %1</source>
        <translation>音频输出：%1</translation>
    </message>
    <message>
        <source>Station check</source>
        <translation>工位检查</translation>
    </message>
    <message>
        <source>&lt;p&gt;The start-up check found a problem on this bench:&lt;/p&gt;&lt;ul&gt;%1&lt;/ul&gt;&lt;p&gt;Keys provisioned now may fail. &lt;code&gt;keystation-cli doctor&lt;/code&gt; runs the same checks again.&lt;/p&gt;</source>
        <translation>&lt;p&gt;启动检查在此工作台上发现了问题：&lt;/p&gt;&lt;ul&gt;%1&lt;/ul&gt;&lt;p&gt;现在发行的密钥可能会失败。&lt;code&gt;keystation-cli doctor&lt;/code&gt; 可再次运行相同的检查。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>ks::app::StationApp</name>
    <message>
        <source>KeyStation cannot start</source>
        <translation>KeyStation 无法启动</translation>
    </message>
    <message>
        <source>Open settings…</source>
        <translation>打开设置…</translation>
    </message>
    <message>
        <source>The journal cannot be opened either (%1), so no administrator can log in. Fix the settings file %2.</source>
        <translation>日志库也无法打开（%1），因此管理员无法登录。请修改设置文件 %2。</translation>
    </message>
    <message>
        <source>Only an administrator can change the settings.</source>
        <translation>只有管理员可以更改设置。</translation>
    </message>
    <message>
        <source>KeyStation — settings (the station is not running)</source>
        <translation>KeyStation — 设置（工位未运行）</translation>
    </message>
    <message>
        <source>The station could not be set up:

%1

Profile: %2
PKCS#11 module: %3

Give the right files with --profile and --module (or KEYSTATION_PROFILE and KEYSTATION_PKCS11_MODULE), or fix the settings file %4.</source>
        <translation>无法建立工位：

%1

模板：%2
PKCS#11 模块：%3

请用 --profile 和 --module（或 KEYSTATION_PROFILE 和 KEYSTATION_PKCS11_MODULE）指定正确的文件，或修改设置文件 %4。</translation>
    </message>
</context>
<context>
    <name>ks::app::StepEventModel</name>
    <message>
        <source>model %1</source>
        <translation>型号 %1</translation>
    </message>
    <message>
        <source>key pair %1</source>
        <translation>密钥对 %1</translation>
    </message>
    <message>
        <source>certificate %1</source>
        <translation>证书 %1</translation>
    </message>
    <message>
        <source>expires %1</source>
        <translation>到期 %1</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Took</source>
        <translation>耗时</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>详细信息</translation>
    </message>
</context>
<context>
    <name>ks::app::TokenTileDelegate</name>
    <message>
        <source>S/N %1</source>
        <translation>序列号 %1</translation>
    </message>
    <message>
        <source> · %1 s</source>
        <translation> · %1 秒</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
</context>
<context>
    <name>ks::app::TokenTileModel</name>
    <message>
        <source>Key pulled out</source>
        <translation>密钥已拔出</translation>
    </message>
    <message>
        <source>PIN locked</source>
        <translation>PIN码已锁定</translation>
    </message>
    <message>
        <source>Last PIN try left</source>
        <translation>PIN码仅剩最后一次尝试</translation>
    </message>
    <message>
        <source>Few PIN tries left</source>
        <translation>PIN码剩余尝试次数少</translation>
    </message>
    <message>
        <source>Key not initialised</source>
        <translation>密钥未初始化</translation>
    </message>
    <message>
        <source>Already provisioned</source>
        <translation>此前已发行</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>Not enrolled (lot)</source>
        <translation>未发行（生产批次）</translation>
    </message>
    <message>
        <source>Port %1</source>
        <translation>端口 %1</translation>
    </message>
    <message>
        <source>Unused position</source>
        <translation>未使用的位置</translation>
    </message>
    <message>
        <source>%1: no key</source>
        <translation>%1：无密钥</translation>
    </message>
    <message>
        <source>Empty</source>
        <translation>空</translation>
    </message>
    <message>
        <source>%1, serial %2, slot %3, %4</source>
        <translation>%1，序列号 %2，槽位 %3，%4</translation>
    </message>
    <message>
        <source>EMPTY</source>
        <translation>空</translation>
    </message>
    <message>
        <source>ALREADY DONE</source>
        <translation>此前已发行</translation>
    </message>
    <message>
        <source>DONE</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>SKIPPED</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <source>CHECK</source>
        <translation>请检查</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>PULLED</source>
        <translation>已拔出</translation>
    </message>
    <message>
        <source>SKIPPING…</source>
        <translation>正在跳过…</translation>
    </message>
    <message>
        <source>WAITING</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>WORKING</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>READY</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Plug in a key</source>
        <translation>请插入密钥</translation>
    </message>
    <message>
        <source>Nothing was changed: take the key out</source>
        <translation>密钥未被更改：请拔出密钥</translation>
    </message>
    <message>
        <source>Take the key out</source>
        <translation>请拔出密钥</translation>
    </message>
    <message>
        <source>Wait: the key is being stopped</source>
        <translation>请稍候：正在停止此密钥</translation>
    </message>
    <message>
        <source>Leave the key in</source>
        <translation>请保持密钥插入</translation>
    </message>
    <message>
        <source>Give this key to the supervisor: it is not initialised</source>
        <translation>请将此密钥交给主管：它尚未初始化</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <source>Leave the key in: it goes again by itself when the CA answers</source>
        <translation>请保持密钥插入：CA 恢复应答后会自动重试</translation>
    </message>
</context>
<context>
    <name>ks::app::TokensCommand</name>
    <message>
        <source>OpenSC talks to keys through pcscd, which is not running (start it: systemctl start pcscd).</source>
        <translation>OpenSC 通过 pcscd 访问密钥，但 pcscd 未运行（请启动：systemctl start pcscd）。</translation>
    </message>
    <message>
        <source>pcscd is running but reports no reader with a key: check the hub and its power.</source>
        <translation>pcscd 正在运行，但未报告任何插有密钥的读卡器：请检查集线器及其电源。</translation>
    </message>
    <message>
        <source>%1 did not answer within %2 s; a key or reader may be stuck.</source>
        <translation>%1 在 %2 秒内无响应；可能有密钥或读卡器卡住。</translation>
    </message>
    <message>
        <source>No keys found through %1.</source>
        <translation>通过 %1 未找到任何密钥。</translation>
    </message>
    <message>
        <source>Watching %1 (%2). Ctrl+C to stop.</source>
        <translation>正在监视 %1（%2）。按 Ctrl+C 停止。</translation>
    </message>
    <message>
        <source>slot events and polling</source>
        <translation>插槽事件和轮询</translation>
    </message>
    <message>
        <source>polling</source>
        <translation>轮询</translation>
    </message>
    <message>
        <source>List the keys on the hub, or watch them come and go.</source>
        <translation>列出集线器上的密钥，或监视密钥的插入和拔出。</translation>
    </message>
    <message>
        <source>Print an event each time a key is plugged, pulled or changes.</source>
        <translation>每当密钥插入、拔出或状态变化时输出一条事件。</translation>
    </message>
    <message>
        <source>Machine-readable output.</source>
        <translation>机器可读的输出。</translation>
    </message>
    <message>
        <source>PKCS#11 module (repeatable). Default: $KEYSTATION_PKCS11_MODULE or OpenSC.</source>
        <translation>PKCS#11 模块（可重复）。默认：$KEYSTATION_PKCS11_MODULE 或 OpenSC。</translation>
    </message>
    <message>
        <source>Seconds to wait for a module to answer (default 60).</source>
        <translation>等待模块响应的秒数（默认 60）。</translation>
    </message>
</context>
<context>
    <name>ks::app::UiText</name>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>done %1 / %2, failed %3, refused %4, remaining %5, first-pass yield %6, %7 keys/h</source>
        <translation>完成 %1 / %2，失败 %3，拒收 %4，剩余 %5，直通率 %6，每小时 %7 个密钥</translation>
    </message>
    <message numerus="yes">
        <source>%n interrupted</source>
        <translation><numerusform>%n 个已中断</numerusform></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
</context>
<context>
    <name>ks::ca::CaError</name>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
    <message>
        <source>server says: %1%2</source>
        <translation>服务器提示：%1%2</translation>
    </message>
    <message>
        <source> [key %1]</source>
        <translation> [密钥 %1]</translation>
    </message>
    <message>
        <source>the pin is not a SHA-256 digest (64 hex digits or base64)</source>
        <translation>该固定值不是 SHA-256 摘要（64 位十六进制或 base64）</translation>
    </message>
    <message>
        <source>cannot read the %1 file '%2'</source>
        <translation>无法读取 %1 文件“%2”</translation>
    </message>
    <message>
        <source>no certificate in the %1 file '%2'</source>
        <translation>%1 文件“%2”中没有证书</translation>
    </message>
    <message>
        <source>the TLS client key file '%1' holds no unencrypted RSA or EC private key</source>
        <translation>TLS 客户端私钥文件“%1”中没有未加密的 RSA 或 EC 私钥</translation>
    </message>
    <message>
        <source>the CA URL must be an https:// URL with a host</source>
        <translation>CA 地址必须是带主机名的 https:// 地址</translation>
    </message>
    <message>
        <source>time-out, concurrency and size limits must be positive</source>
        <translation>超时、并发数和大小限制必须为正数</translation>
    </message>
    <message>
        <source>no trust anchor file configured for the CA's TLS certificate</source>
        <translation>未为 CA 的 TLS 证书配置信任锚文件</translation>
    </message>
    <message>
        <source>trust anchor</source>
        <translation>信任锚</translation>
    </message>
    <message>
        <source>a TLS client certificate needs both a certificate and a key file</source>
        <translation>TLS 客户端证书需要同时提供证书文件和私钥文件</translation>
    </message>
    <message>
        <source>TLS client certificate</source>
        <translation>TLS 客户端证书</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>no complete answer within %1 ms</source>
        <translation>%1 毫秒内未收到完整响应</translation>
    </message>
    <message>
        <source>the answer exceeds %1 bytes</source>
        <translation>响应超过 %1 字节</translation>
    </message>
    <message>
        <source>the server's public key does not match the pinned SHA-256</source>
        <translation>服务器公钥与固定的 SHA-256 不匹配</translation>
    </message>
    <message>
        <source>TLS handshake failed: %1</source>
        <translation>TLS 握手失败：%1</translation>
    </message>
    <message>
        <source>the connection ended before the answer was complete (%1 bytes received)</source>
        <translation>响应尚未完整连接就已断开（已收到 %1 字节）</translation>
    </message>
    <message>
        <source>unknown CA protocol '%1' (expected est, cfssl or scep)</source>
        <translation>未知的 CA 协议“%1”（应为 est、cfssl 或 scep）</translation>
    </message>
    <message>
        <source>SCEP needs the CA certificate's SHA-256 (caCertificateSha256)</source>
        <translation>SCEP 需要 CA 证书的 SHA-256（caCertificateSha256）</translation>
    </message>
    <message>
        <source>the SCEP URL must be an http:// or https:// URL with a host</source>
        <translation>SCEP URL 必须是带主机名的 http:// 或 https:// URL</translation>
    </message>
    <message>
        <source>the CA URL must not carry a user name or password</source>
        <translation>CA 地址不能包含用户名或密码</translation>
    </message>
    <message>
        <source>the server closed the connection</source>
        <translation>服务器关闭了连接</translation>
    </message>
    <message>
        <source>the server did not answer in HTTP/1.1</source>
        <translation>服务器未使用 HTTP/1.1 响应</translation>
    </message>
    <message>
        <source>the server sent a malformed chunked answer</source>
        <translation>服务器发送了格式错误的分块响应</translation>
    </message>
    <message>
        <source>the server closed the connection without answering</source>
        <translation>服务器未响应就关闭了连接</translation>
    </message>
    <message>
        <source>credentials for the CA (user name and password, HMAC key or client certificate) are never sent over plain http://; use an https:// URL</source>
        <translation>CA 凭据（用户名和密码、HMAC 密钥或客户端证书）绝不通过明文 http:// 发送；请使用 https:// URL</translation>
    </message>
</context>
<context>
    <name>ks::ca::CertificateCodec</name>
    <message>
        <source>the answer is not valid base64</source>
        <translation>响应不是有效的 base64</translation>
    </message>
    <message>
        <source>the CA sent an empty answer</source>
        <translation>CA 返回了空响应</translation>
    </message>
    <message>
        <source>the answer is not a certs-only PKCS#7 (SignedData) structure</source>
        <translation>响应不是仅含证书的 PKCS#7（SignedData）结构</translation>
    </message>
    <message>
        <source>a certificate in the PKCS#7 is broken</source>
        <translation>PKCS#7 中的某个证书已损坏</translation>
    </message>
    <message>
        <source>the PKCS#7 holds no certificate</source>
        <translation>PKCS#7 中不含证书</translation>
    </message>
    <message>
        <source>the answer holds no valid PEM certificate (%1 of %2 parsed)</source>
        <translation>响应中没有有效的 PEM 证书（解析成功 %1 个，共 %2 个）</translation>
    </message>
    <message>
        <source>(unparseable certificate)</source>
        <translation>（无法解析的证书）</translation>
    </message>
    <message>
        <source>subject: %1; issuer: %2; valid %3 to %4; serial %5</source>
        <translation>主题：%1；颁发者：%2；有效期 %3 至 %4；序列号 %5</translation>
    </message>
</context>
<context>
    <name>ks::ca::CertificateVerifier</name>
    <message>
        <source>no trust anchor is configured</source>
        <translation>未配置信任锚</translation>
    </message>
    <message>
        <source>cannot set up chain verification</source>
        <translation>无法建立证书链验证</translation>
    </message>
    <message>
        <source>the certificate does not chain to the configured CA: %1 (depth %2)</source>
        <translation>证书无法链接到配置的 CA：%1（深度 %2）</translation>
    </message>
    <message>
        <source>the validity dates cannot be read</source>
        <translation>无法读取有效期</translation>
    </message>
    <message>
        <source>the certificate is valid only from %1 (now %2, tolerated skew %3 s)</source>
        <translation>证书从 %1 起才生效（当前 %2，允许偏差 %3 秒）</translation>
    </message>
    <message>
        <source>the certificate expired on %1</source>
        <translation>证书已于 %1 过期</translation>
    </message>
    <message>
        <source>the certificate is a CA certificate (CA:TRUE or keyCertSign)</source>
        <translation>该证书是 CA 证书（CA:TRUE 或 keyCertSign）</translation>
    </message>
    <message>
        <source>extendedKeyUsage lacks %1 (present: %2)</source>
        <translation>扩展密钥用法缺少 %1（现有：%2）</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>the certificate is not a parseable X.509 DER structure</source>
        <translation>证书不是可解析的 X.509 DER 结构</translation>
    </message>
    <message>
        <source>the certificate's public key is not the key pair's public key</source>
        <translation>证书中的公钥不是该密钥对的公钥</translation>
    </message>
    <message>
        <source>a certificate of the path (depth %1) has a critical extension the check does not understand</source>
        <translation>证书路径中的一个证书（深度 %1）含有检查无法识别的关键扩展</translation>
    </message>
    <message>
        <source>an RSA key of %1 bits (at least %2 required)</source>
        <translation>%1 位的 RSA 密钥（至少需要 %2 位）</translation>
    </message>
    <message>
        <source>an EC key of %1 bits (at least %2 required)</source>
        <translation>%1 位的 EC 密钥（至少需要 %2 位）</translation>
    </message>
    <message>
        <source>a key of an unsupported type (%1)</source>
        <translation>不支持类型的密钥（%1）</translation>
    </message>
    <message>
        <source>'%1' (depth %2) has %3</source>
        <translation>“%1”（深度 %2）使用了%3</translation>
    </message>
    <message>
        <source>'%1' (depth %2) is signed with %3; SHA-256 or better is required</source>
        <translation>“%1”（深度 %2）使用 %3 签名；要求 SHA-256 或更强的算法</translation>
    </message>
    <message>
        <source>the subject's %1 is %2, the profile asks for %3</source>
        <translation>主题的 %1 为 %2，模板要求 %3</translation>
    </message>
    <message>
        <source>the certificate is valid only until %1 (%2 days left); the profile requires at least %3 days (minValidityDays)</source>
        <translation>证书有效期仅至 %1（剩余 %2 天）；模板要求至少 %3 天（minValidityDays）</translation>
    </message>
    <message>
        <source>keyUsage is %1, the profile asks for %2%3</source>
        <translation>密钥用法为 %1，模板要求 %2%3</translation>
    </message>
    <message>
        <source>absent</source>
        <translation>无</translation>
    </message>
    <message>
        <source> and nothing else</source>
        <translation>，且不含其他用法</translation>
    </message>
    <message>
        <source>extendedKeyUsage cannot be read</source>
        <translation>无法读取扩展密钥用法</translation>
    </message>
    <message>
        <source>extendedKeyUsage has %1, which the profile did not ask for (present: %2)</source>
        <translation>扩展密钥用法包含模板未要求的 %1（现有：%2）</translation>
    </message>
</context>
<context>
    <name>ks::ca::CfsslClient</name>
    <message>
        <source>the CFSSL server refused the request</source>
        <translation>CFSSL 服务器拒绝了请求</translation>
    </message>
    <message>
        <source>the CFSSL server answered with an error</source>
        <translation>CFSSL 服务器返回了错误</translation>
    </message>
    <message>
        <source>expected application/json, got '%1'</source>
        <translation>应为 application/json，实际为“%1”</translation>
    </message>
    <message>
        <source>the answer is not CFSSL's JSON: %1</source>
        <translation>响应不是 CFSSL 的 JSON：%1</translation>
    </message>
    <message>
        <source>the certificate request is not a parseable PKCS#10 structure</source>
        <translation>证书请求不是可解析的 PKCS#10 结构</translation>
    </message>
    <message>
        <source>the CFSSL HMAC key is not hex</source>
        <translation>CFSSL HMAC 密钥不是十六进制</translation>
    </message>
    <message>
        <source>the authsign token could not be computed</source>
        <translation>无法计算 authsign 令牌</translation>
    </message>
</context>
<context>
    <name>ks::ca::EstClient</name>
    <message>
        <source>the EST server answered with an error</source>
        <translation>EST 服务器返回了错误</translation>
    </message>
    <message>
        <source>expected application/pkcs7-mime, got '%1'</source>
        <translation>应为 application/pkcs7-mime，实际为“%1”</translation>
    </message>
    <message>
        <source>the certificate request is not a parseable PKCS#10 structure</source>
        <translation>证书请求不是可解析的 PKCS#10 结构</translation>
    </message>
    <message>
        <source>the CA still holds the request for approval after %1 polls and %2 s</source>
        <translation>经过 %1 次查询、%2 秒后，CA 仍在等待审批该请求</translation>
    </message>
    <message>
        <source>the EST server refused the request without giving a reason (credentials or proof of possession)</source>
        <translation>EST 服务器拒绝了该请求，且未给出原因（凭据或私钥持有证明有误）</translation>
    </message>
    <message>
        <source>the EST server refused the request</source>
        <translation>EST 服务器拒绝了该请求</translation>
    </message>
    <message>
        <source>%1: the answer is not a DER CsrAttrs sequence (RFC 7030 4.5.2)</source>
        <translation>%1：响应不是 DER 编码的 CsrAttrs 序列（RFC 7030 4.5.2）</translation>
    </message>
</context>
<context>
    <name>ks::ca::ScepClient</name>
    <message>
        <source>the SCEP server answered with an error</source>
        <translation>SCEP 服务器返回了错误</translation>
    </message>
    <message>
        <source>the CA certificate (application/x-x509-ca-cert) does not parse</source>
        <translation>无法解析 CA 证书（application/x-x509-ca-cert）</translation>
    </message>
    <message>
        <source>expected application/x-x509-ca-cert or application/x-x509-ca-ra-cert, got '%1'</source>
        <translation>应为 application/x-x509-ca-cert 或 application/x-x509-ca-ra-cert，实际为“%1”</translation>
    </message>
    <message>
        <source>the CA certificate's SHA-256 (%1) is not the pinned one (%2); no request was sent to this CA</source>
        <translation>CA 证书的 SHA-256（%1）与固定值（%2）不符；未向此 CA 发送任何请求</translation>
    </message>
    <message>
        <source>the SCEP CA's encryption certificate has no RSA key (SCEP needs RSA key transport)</source>
        <translation>SCEP CA 的加密证书没有 RSA 密钥（SCEP 需要 RSA 密钥传输）</translation>
    </message>
    <message>
        <source>SCEP needs the CA certificate's SHA-256 (caCertificateSha256)</source>
        <translation>SCEP 需要 CA 证书的 SHA-256（caCertificateSha256）</translation>
    </message>
    <message>
        <source>the certificate request is not a parseable PKCS#10 structure</source>
        <translation>证书请求不是可解析的 PKCS#10 结构</translation>
    </message>
    <message>
        <source>SCEP needs the requester key that signs the request</source>
        <translation>SCEP 需要签署请求的请求方密钥</translation>
    </message>
    <message>
        <source>expected application/x-pki-message, got '%1'</source>
        <translation>应为 application/x-pki-message，实际为“%1”</translation>
    </message>
    <message>
        <source>the CA's answer belongs to another transaction or request (transactionID or recipientNonce differs)</source>
        <translation>CA 的应答属于另一个事务或请求（transactionID 或 recipientNonce 不符）</translation>
    </message>
    <message>
        <source>the CA still holds the request for approval after %1 polls and %2 s</source>
        <translation>经过 %1 次查询、%2 秒后，CA 仍在等待审批该请求</translation>
    </message>
</context>
<context>
    <name>ks::ca::ScepMessage</name>
    <message>
        <source>the requester or CA certificate does not parse</source>
        <translation>无法解析请求方证书或 CA 证书</translation>
    </message>
    <message>
        <source>out of memory</source>
        <translation>内存不足</translation>
    </message>
    <message>
        <source>the request could not be encrypted to the CA certificate</source>
        <translation>无法用 CA 证书加密请求</translation>
    </message>
    <message>
        <source>no random nonce</source>
        <translation>无法生成随机数</translation>
    </message>
    <message>
        <source>the request could not be assembled</source>
        <translation>无法组装请求</translation>
    </message>
    <message>
        <source>the CA's answer is not a SCEP message (PKCS#7 SignedData)</source>
        <translation>CA 的应答不是 SCEP 消息（PKCS#7 SignedData）</translation>
    </message>
    <message>
        <source>the CA's answer does not have exactly one signer</source>
        <translation>CA 的应答不是恰好一个签名者</translation>
    </message>
    <message>
        <source>the CA's answer is not signed by the pinned CA or its RA</source>
        <translation>CA 的应答不是由固定的 CA 或其 RA 签名的</translation>
    </message>
    <message>
        <source>the CA's answer is not a CertRep (messageType '%1')</source>
        <translation>CA 的应答不是 CertRep（messageType “%1”）</translation>
    </message>
    <message>
        <source>the CA's answer has no valid pkiStatus</source>
        <translation>CA 的应答没有有效的 pkiStatus</translation>
    </message>
    <message>
        <source>the CA reported success but sent no certificate envelope</source>
        <translation>CA 报告成功，但未发送证书信封</translation>
    </message>
    <message>
        <source>the CA's certificate envelope is not PKCS#7 EnvelopedData</source>
        <translation>CA 的证书信封不是 PKCS#7 EnvelopedData</translation>
    </message>
    <message>
        <source>the requester certificate does not parse</source>
        <translation>无法解析请求方证书</translation>
    </message>
    <message>
        <source>the CA's certificate envelope is not addressed to this request</source>
        <translation>CA 的证书信封不是发给此请求的</translation>
    </message>
    <message>
        <source>the CA's certificate envelope uses an unsupported cipher (%1)</source>
        <translation>CA 的证书信封使用了不支持的密码算法（%1）</translation>
    </message>
    <message>
        <source>the CA's certificate envelope has no valid IV</source>
        <translation>CA 的证书信封没有有效的 IV</translation>
    </message>
    <message>
        <source>the CA's certificate envelope could not be opened (key length)</source>
        <translation>无法打开 CA 的证书信封（密钥长度）</translation>
    </message>
    <message>
        <source>the CA's certificate envelope could not be decrypted</source>
        <translation>无法解密 CA 的证书信封</translation>
    </message>
    <message>
        <source>the CA does not support an algorithm the request used (badAlg)</source>
        <translation>CA 不支持请求所用的算法（badAlg）</translation>
    </message>
    <message>
        <source>the CA could not verify the request's signature (badMessageCheck)</source>
        <translation>CA 无法验证请求的签名（badMessageCheck）</translation>
    </message>
    <message>
        <source>the CA refused the request: a wrong or expired challenge password is the usual cause (badRequest)</source>
        <translation>CA 拒绝了请求：通常是质询密码错误或已过期（badRequest）</translation>
    </message>
    <message>
        <source>the request's time was too far from the CA's clock (badTime)</source>
        <translation>请求的时间与 CA 的时钟相差过大（badTime）</translation>
    </message>
    <message>
        <source>the CA found no certificate matching the request (badCertId)</source>
        <translation>CA 未找到与请求匹配的证书（badCertId）</translation>
    </message>
    <message>
        <source>the CA refused the request without saying why</source>
        <translation>CA 拒绝了请求，未说明原因</translation>
    </message>
</context>
<context>
    <name>ks::ca::SoftwareScepRequesterKey</name>
    <message>
        <source>SCEP needs an RSA requester key (its envelopes use RSA key transport)</source>
        <translation>SCEP 需要 RSA 请求方密钥（其信封使用 RSA 密钥传输）</translation>
    </message>
    <message>
        <source>the self-signed requester certificate could not be made (is the CSR PKCS#10?)</source>
        <translation>无法生成自签名的请求方证书（CSR 是 PKCS#10 吗？）</translation>
    </message>
    <message>
        <source>'%1' holds no unencrypted private key</source>
        <translation>“%1”中没有未加密的私钥</translation>
    </message>
    <message>
        <source>the requester key could not sign</source>
        <translation>请求方密钥无法签名</translation>
    </message>
    <message>
        <source>the requester key could not decrypt the CA's content key</source>
        <translation>请求方密钥无法解密 CA 的内容密钥</translation>
    </message>
</context>
<context>
    <name>ks::core::BadgeLogin</name>
    <message>
        <source>The badge holds no operator certificate.</source>
        <translation>工卡中没有操作员证书。</translation>
    </message>
</context>
<context>
    <name>ks::core::BadgeVerifier</name>
    <message>
        <source>Cannot read the operator CA file %1.</source>
        <translation>无法读取操作员 CA 文件 %1。</translation>
    </message>
    <message>
        <source>No certificate in the operator CA file %1.</source>
        <translation>操作员 CA 文件 %1 中没有证书。</translation>
    </message>
    <message>
        <source>The badge answered a challenge this station did not issue, already used or let expire.</source>
        <translation>工卡应答的挑战不是本工位发出的，或已被使用，或已过期。</translation>
    </message>
    <message>
        <source>The badge certificate is not valid DER.</source>
        <translation>工卡证书不是有效的 DER。</translation>
    </message>
    <message>
        <source>Cannot set up certificate verification.</source>
        <translation>无法建立证书验证。</translation>
    </message>
    <message>
        <source>The badge certificate is not from the operator CA: %1.</source>
        <translation>工卡证书不是由操作员 CA 签发的：%1。</translation>
    </message>
    <message>
        <source>The badge certificate does not allow signing.</source>
        <translation>工卡证书不允许签名。</translation>
    </message>
    <message>
        <source>The badge certificate has no usable public key.</source>
        <translation>工卡证书没有可用的公钥。</translation>
    </message>
    <message>
        <source>The badge's signature over the challenge does not verify.</source>
        <translation>工卡对挑战的签名验证失败。</translation>
    </message>
    <message>
        <source>The badge certificate is not for operator login (extendedKeyUsage %1 missing).</source>
        <translation>该工卡证书不能用于操作员登录（缺少扩展密钥用法 %1）。</translation>
    </message>
</context>
<context>
    <name>ks::core::BatchRunner</name>
    <message>
        <source>A batch is already running.</source>
        <translation>已有批次正在运行。</translation>
    </message>
</context>
<context>
    <name>ks::core::Doctor</name>
    <message>
        <source>Profile</source>
        <translation>模板</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Fix the profile (docs/profiles.md) or give another with --profile.</source>
        <translation>请修正模板（docs/profiles.md），或用 --profile 指定其他模板。</translation>
    </message>
    <message>
        <source>"%1" from %2</source>
        <translation>“%1”，来自 %2</translation>
    </message>
    <message>
        <source>PKCS#11 module</source>
        <translation>PKCS#11 模块</translation>
    </message>
    <message>
        <source>%1 does not load: %2</source>
        <translation>%1 无法加载：%2</translation>
    </message>
    <message>
        <source>Install the module's package (opensc-pkcs11 for OpenSC) or give the right one with --module.</source>
        <translation>请安装该模块的软件包（OpenSC 为 opensc-pkcs11），或用 --module 指定正确的模块。</translation>
    </message>
    <message>
        <source>%1 loads but cannot list its keys: %2</source>
        <translation>%1 可以加载，但无法列出其密钥：%2</translation>
    </message>
    <message>
        <source>Check the module's own configuration and, for OpenSC, pcscd.</source>
        <translation>请检查该模块自身的配置；如为 OpenSC，还要检查 pcscd。</translation>
    </message>
    <message>
        <source>%1 (%2): keys present: %3</source>
        <translation>%1（%2）：在位的密钥：%3</translation>
    </message>
    <message>
        <source>pcscd and readers</source>
        <translation>pcscd 和读卡器</translation>
    </message>
    <message>
        <source>the module is not OpenSC: it does not use PC/SC</source>
        <translation>该模块不是 OpenSC：它不使用 PC/SC</translation>
    </message>
    <message>
        <source>no module loaded</source>
        <translation>未加载模块</translation>
    </message>
    <message>
        <source>pcscd is not running (no process, %1 does not accept connections)</source>
        <translation>pcscd 未运行（没有进程，%1 不接受连接）</translation>
    </message>
    <message>
        <source>Start it: sudo systemctl start pcscd.socket pcscd (Debian package pcscd).</source>
        <translation>请启动它：sudo systemctl start pcscd.socket pcscd（Debian 软件包 pcscd）。</translation>
    </message>
    <message>
        <source>pcscd runs, but OpenSC cannot list the readers: %1</source>
        <translation>pcscd 正在运行，但 OpenSC 无法列出读卡器：%1</translation>
    </message>
    <message>
        <source>Check pcscd's log (journalctl -u pcscd) and OpenSC's configuration.</source>
        <translation>请检查 pcscd 的日志（journalctl -u pcscd）和 OpenSC 的配置。</translation>
    </message>
    <message>
        <source>pcscd runs, but reports no reader</source>
        <translation>pcscd 正在运行，但未报告任何读卡器</translation>
    </message>
    <message>
        <source>Check the hub: its USB cable and its power supply.</source>
        <translation>请检查集线器：其 USB 线缆和电源。</translation>
    </message>
    <message>
        <source>pcscd runs; readers: %1</source>
        <translation>pcscd 正在运行；读卡器：%1</translation>
    </message>
    <message>
        <source>Reader limits</source>
        <translation>读卡器数量上限</translation>
    </message>
    <message>
        <source>no reader list</source>
        <translation>没有读卡器列表</translation>
    </message>
    <message>
        <source>the module is not OpenSC</source>
        <translation>该模块不是 OpenSC</translation>
    </message>
    <message>
        <source>OpenSC gives slots to %1 readers (max_virtual_slots %2 / slots_per_card %3, %4)</source>
        <translation>OpenSC 为 %1 个读卡器分配插槽（max_virtual_slots %2 / slots_per_card %3，%4）</translation>
    </message>
    <message>
        <source>OpenSC's defaults</source>
        <translation>OpenSC 的默认值</translation>
    </message>
    <message>
        <source>readers: %1; </source>
        <translation>读卡器：%1；</translation>
    </message>
    <message>
        <source>; pcsc-lite's default limit is %1 readers</source>
        <translation>；pcsc-lite 默认最多支持 %1 个读卡器</translation>
    </message>
    <message>
        <source>At OpenSC's limit: readers beyond it are invisible. Raise max_virtual_slots in %1 (docs/hardware.md).</source>
        <translation>已达到 OpenSC 的上限：超出的读卡器不可见。请在 %1 中调高 max_virtual_slots（docs/hardware.md）。</translation>
    </message>
    <message>
        <source>At pcsc-lite's limit: a further reader is dropped without a message. More keys need a second station (docs/hardware.md).</source>
        <translation>已达到 pcsc-lite 的上限：再多的读卡器会被静默丢弃。更多密钥需要第二个工位（docs/hardware.md）。</translation>
    </message>
    <message>
        <source>CA</source>
        <translation>CA</translation>
    </message>
    <message>
        <source>no profile to read the CA from</source>
        <translation>没有可读取 CA 设置的模板</translation>
    </message>
    <message>
        <source>Fix the profile's ca section (docs/profiles.md).</source>
        <translation>请修正模板中的 ca 部分（docs/profiles.md）。</translation>
    </message>
    <message>
        <source>the request was cancelled</source>
        <translation>请求已取消</translation>
    </message>
    <message>
        <source>Run the check again.</source>
        <translation>请重新运行检查。</translation>
    </message>
    <message>
        <source>The server's TLS certificate was checked against %1 (ca.trustAnchorFile): check that it holds the CA that issued the server's certificate, that it has not expired, and that ca.url names a host that certificate covers.</source>
        <translation>服务器的 TLS 证书已用 %1（ca.trustAnchorFile）验证：请检查该文件是否包含签发服务器证书的 CA、该证书是否已过期，以及 ca.url 中的主机是否在该证书覆盖范围内。</translation>
    </message>
    <message>
        <source>Check ca.tlsPinSha256 against the server's current key.</source>
        <translation>请对照服务器当前的密钥检查 ca.tlsPinSha256。</translation>
    </message>
    <message>
        <source>The CA refused the station's credentials: check the profile's ca credentials.</source>
        <translation>CA 拒绝了本工位的凭据：请检查模板中的 ca 凭据。</translation>
    </message>
    <message>
        <source>Is the CA running? Check ca.url (%1), the network and any firewall.</source>
        <translation>CA 是否在运行？请检查 ca.url（%1）、网络和防火墙。</translation>
    </message>
    <message>
        <source>Check ca.url (%1) and the CA's log.</source>
        <translation>请检查 ca.url（%1）和 CA 的日志。</translation>
    </message>
    <message>
        <source>%1 at %2 answers: %3</source>
        <translation>%2 上的 %1 响应：%3</translation>
    </message>
    <message>
        <source>CA certificates' validity</source>
        <translation>CA 证书有效期</translation>
    </message>
    <message>
        <source>no profile</source>
        <translation>没有模板</translation>
    </message>
    <message>
        <source>trust anchor</source>
        <translation>信任锚</translation>
    </message>
    <message>
        <source>no PEM certificate in %1</source>
        <translation>%1 中没有 PEM 证书</translation>
    </message>
    <message>
        <source>Put the CA's root certificate (PEM) in ca.trustAnchorFile.</source>
        <translation>请将 CA 的根证书（PEM）放入 ca.trustAnchorFile。</translation>
    </message>
    <message>
        <source>issuing CA</source>
        <translation>签发 CA</translation>
    </message>
    <message>
        <source>CA certificate</source>
        <translation>CA 证书</translation>
    </message>
    <message>
        <source>Renew the CA certificate and give the station the new one (ca.trustAnchorFile).</source>
        <translation>请更新 CA 证书，并将新证书提供给工位（ca.trustAnchorFile）。</translation>
    </message>
    <message>
        <source>%1 expired on %2</source>
        <translation>%1 已于 %2 过期</translation>
    </message>
    <message>
        <source>%1 is valid only from %2</source>
        <translation>%1 从 %2 起才生效</translation>
    </message>
    <message>
        <source>Check this machine's clock, then the CA certificate.</source>
        <translation>请先检查本机时钟，再检查 CA 证书。</translation>
    </message>
    <message>
        <source>%1 expires on %2, sooner than the profile's minValidityDays (%3 days) from now</source>
        <translation>%1 将于 %2 过期，早于模板的 minValidityDays（自现在起 %3 天）</translation>
    </message>
    <message>
        <source>certificates: %1, the first to expire on %2 (the profile needs %3 days)</source>
        <translation>证书：%1，最早于 %2 过期（模板要求 %3 天）</translation>
    </message>
    <message>
        <source>Clock</source>
        <translation>时钟</translation>
    </message>
    <message>
        <source>the CA did not answer: no time to compare with</source>
        <translation>CA 无响应：没有可比较的时间</translation>
    </message>
    <message>
        <source>no answer to compare clocks: %1</source>
        <translation>没有可用于比较时钟的响应：%1</translation>
    </message>
    <message>
        <source>the CA's answer carries no Date header</source>
        <translation>CA 的响应不含 Date 头</translation>
    </message>
    <message>
        <source>Compare this machine's clock with the CA's by hand (timedatectl).</source>
        <translation>请手动比较本机时钟与 CA 的时钟（timedatectl）。</translation>
    </message>
    <message>
        <source>the CA's Date header cannot be read: %1</source>
        <translation>无法读取 CA 的 Date 头：%1</translation>
    </message>
    <message>
        <source>this machine's clock agrees with the CA's</source>
        <translation>本机时钟与 CA 的时钟一致</translation>
    </message>
    <message>
        <source>this machine's clock is %1 s behind the CA's</source>
        <translation>本机时钟比 CA 的时钟慢 %1 秒</translation>
    </message>
    <message>
        <source>this machine's clock is %1 s ahead of the CA's</source>
        <translation>本机时钟比 CA 的时钟快 %1 秒</translation>
    </message>
    <message>
        <source> (the profile allows %1 s: clockSkew)</source>
        <translation>（模板允许 %1 秒：clockSkew）</translation>
    </message>
    <message>
        <source>Set the clock right (timedatectl set-ntp true) on this machine or the CA.</source>
        <translation>请校正本机或 CA 的时钟（timedatectl set-ntp true）。</translation>
    </message>
    <message>
        <source> (allowed: %1 s)</source>
        <translation>（允许：%1 秒）</translation>
    </message>
    <message>
        <source>%1 is not a directory</source>
        <translation>%1 不是目录</translation>
    </message>
    <message>
        <source>cannot write in %1: %2</source>
        <translation>无法在 %1 中写入：%2</translation>
    </message>
    <message>
        <source>Journal</source>
        <translation>日志库</translation>
    </message>
    <message>
        <source>Give a journal the station can write: --journal PATH, --pg-conf FILE or $KEYSTATION_JOURNAL (docs/journal.md).</source>
        <translation>请指定工位可写入的日志库：--journal 路径、--pg-conf 文件或 $KEYSTATION_JOURNAL（docs/journal.md）。</translation>
    </message>
    <message>
        <source>%1 cannot be created: %2</source>
        <translation>无法创建 %1：%2</translation>
    </message>
    <message>
        <source>%1 does not exist yet; the station can create it</source>
        <translation>%1 尚不存在；工位可以创建它</translation>
    </message>
    <message>
        <source>%1 cannot be opened: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>%1 is not writable: %2</source>
        <translation>%1 不可写入：%2</translation>
    </message>
    <message>
        <source>%1: the chain cannot be checked: %2</source>
        <translation>%1：无法校验哈希链：%2</translation>
    </message>
    <message>
        <source>%1: the chain is broken: %2</source>
        <translation>%1：哈希链已被破坏：%2</translation>
    </message>
    <message>
        <source>Tell a supervisor (keystation-cli log verify; docs/journal.md) before provisioning more keys.</source>
        <translation>在继续发行密钥之前，请通知主管（keystation-cli log verify；docs/journal.md）。</translation>
    </message>
    <message>
        <source>%1: writable, chain intact (records: %2)</source>
        <translation>%1：可写入，哈希链完整（记录数：%2）</translation>
    </message>
    <message>
        <source>Disk space</source>
        <translation>磁盘空间</translation>
    </message>
    <message>
        <source>the journal is on a PostgreSQL server: check its disk there</source>
        <translation>日志库位于 PostgreSQL 服务器上：请在该服务器上检查磁盘</translation>
    </message>
    <message>
        <source>cannot tell the free space at %1</source>
        <translation>无法确定 %1 处的可用空间</translation>
    </message>
    <message>
        <source>Check it by hand: df -h %1</source>
        <translation>请手动检查：df -h %1</translation>
    </message>
    <message>
        <source>%1 GiB free at %2 (the journal's file system)</source>
        <translation>%2 处可用 %1 GiB（日志库所在的文件系统）</translation>
    </message>
    <message>
        <source>Free space on %1: the journal stops the station when it cannot write.</source>
        <translation>请释放 %1 上的空间：日志库无法写入时工位会停止。</translation>
    </message>
    <message>
        <source>Sound</source>
        <translation>声音</translation>
    </message>
    <message>
        <source>keystation-cli plays no sound; the desktop station checks its sound output when it starts</source>
        <translation>keystation-cli 不播放声音；桌面版工位在启动时检查其声音输出</translation>
    </message>
</context>
<context>
    <name>ks::core::JobError</name>
    <message>
        <source>No error</source>
        <translation>无错误</translation>
    </message>
    <message>
        <source>Key removed</source>
        <translation>密钥已拔出</translation>
    </message>
    <message>
        <source>Re-plug the key, then retry it</source>
        <translation>重新插入密钥，然后重试</translation>
    </message>
    <message>
        <source>Key swapped</source>
        <translation>密钥已被更换</translation>
    </message>
    <message>
        <source>Wrong PIN</source>
        <translation>PIN码错误</translation>
    </message>
    <message>
        <source>Give this key to the supervisor: its PIN is not the profile's</source>
        <translation>请将此密钥交给主管：其PIN码与模板中的不符</translation>
    </message>
    <message>
        <source>PIN locked</source>
        <translation>PIN码已锁定</translation>
    </message>
    <message>
        <source>Give this key to the supervisor: PIN locked</source>
        <translation>请将此密钥交给主管：PIN码已锁定</translation>
    </message>
    <message>
        <source>PIN on its last try</source>
        <translation>PIN码仅剩最后一次尝试</translation>
    </message>
    <message>
        <source>Give this key to the supervisor: PIN nearly locked</source>
        <translation>请将此密钥交给主管：PIN码即将锁定</translation>
    </message>
    <message>
        <source>Few PIN tries left</source>
        <translation>PIN码剩余尝试次数少</translation>
    </message>
    <message>
        <source>No PIN for this key</source>
        <translation>此密钥没有PIN码</translation>
    </message>
    <message>
        <source>Call the supervisor: the profile gives no PIN for this key</source>
        <translation>请联系主管：模板没有为此密钥提供PIN码</translation>
    </message>
    <message>
        <source>Certificate already there</source>
        <translation>证书已存在</translation>
    </message>
    <message>
        <source>Give this key to the supervisor: it already holds a certificate</source>
        <translation>请将此密钥交给主管：它已持有证书</translation>
    </message>
    <message>
        <source>Certificate of another CA or profile</source>
        <translation>其他 CA 或配置的证书</translation>
    </message>
    <message>
        <source>Set the key aside for the supervisor: it holds another certificate</source>
        <translation>请将此密钥放到一边交给主管：它持有其他证书</translation>
    </message>
    <message>
        <source>Algorithm not supported</source>
        <translation>不支持的算法</translation>
    </message>
    <message>
        <source>Call the supervisor: this key model does not fit the profile</source>
        <translation>请联系主管：此密钥型号与模板不匹配</translation>
    </message>
    <message>
        <source>Read-back mismatch</source>
        <translation>回读内容不一致</translation>
    </message>
    <message>
        <source>Retry the key; if it fails again, set it aside</source>
        <translation>重试此密钥；如果再次失败，请将其放到一边</translation>
    </message>
    <message>
        <source>Bad signature</source>
        <translation>签名无效</translation>
    </message>
    <message>
        <source>PKCS#11 module unavailable</source>
        <translation>PKCS#11 模块不可用</translation>
    </message>
    <message>
        <source>Call the supervisor: the station cannot load the key's module</source>
        <translation>请联系主管：工位无法加载密钥的模块</translation>
    </message>
    <message>
        <source>Key worker stopped</source>
        <translation>密钥工作进程已停止</translation>
    </message>
    <message>
        <source>Key error</source>
        <translation>密钥错误</translation>
    </message>
    <message>
        <source>No answer in time</source>
        <translation>未及时响应</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Retry the key when you are ready</source>
        <translation>准备好后重试此密钥</translation>
    </message>
    <message>
        <source>Log not writable</source>
        <translation>日志库无法写入</translation>
    </message>
    <message>
        <source>Stop and call the supervisor: the batch log cannot be written</source>
        <translation>请停止并联系主管：批次日志无法写入</translation>
    </message>
    <message>
        <source>Interrupted (the process ended)</source>
        <translation>已中断（进程已结束）</translation>
    </message>
    <message>
        <source>Retry the key: it goes on where it stopped</source>
        <translation>重试此密钥：将从中断处继续</translation>
    </message>
    <message>
        <source>Not in this lot</source>
        <translation>不属于本生产批次</translation>
    </message>
    <message>
        <source>Not in this lot: set the key aside</source>
        <translation>不属于本生产批次：请将此密钥放到一边</translation>
    </message>
    <message>
        <source>Already done in this lot</source>
        <translation>已在本生产批次中完成</translation>
    </message>
    <message>
        <source>Lot complete</source>
        <translation>生产批次已完成</translation>
    </message>
    <message>
        <source>Lot complete: stop and see the supervisor</source>
        <translation>生产批次已完成：请停止并联系主管</translation>
    </message>
    <message>
        <source>The CA did not issue a certificate</source>
        <translation>CA 未签发证书</translation>
    </message>
    <message>
        <source>Check the CA connection, then retry the key</source>
        <translation>请检查 CA 连接，然后重试此密钥</translation>
    </message>
    <message>
        <source>Certificate refused by the check</source>
        <translation>证书未通过检查</translation>
    </message>
    <message>
        <source>Call the supervisor: the CA issued a certificate the profile refuses</source>
        <translation>请联系主管：CA 签发的证书不符合模板要求</translation>
    </message>
    <message>
        <source>Unknown error</source>
        <translation>未知错误</translation>
    </message>
    <message>
        <source>CA unreachable</source>
        <translation>无法连接 CA</translation>
    </message>
    <message>
        <source>CA did not answer</source>
        <translation>CA 无响应</translation>
    </message>
    <message>
        <source>TLS to the CA failed</source>
        <translation>与 CA 的 TLS 连接失败</translation>
    </message>
    <message>
        <source>CA refused the station</source>
        <translation>CA 拒绝了本工位</translation>
    </message>
    <message>
        <source>CA refused the request</source>
        <translation>CA 拒绝了该请求</translation>
    </message>
    <message>
        <source>CA error</source>
        <translation>CA 错误</translation>
    </message>
    <message>
        <source>Certificate not trusted</source>
        <translation>证书不受信任</translation>
    </message>
    <message>
        <source>Certificate for another key</source>
        <translation>证书属于另一个密钥</translation>
    </message>
    <message>
        <source>Certificate names another key</source>
        <translation>证书标明的是另一个密钥</translation>
    </message>
    <message>
        <source>Certificate expired</source>
        <translation>证书已过期</translation>
    </message>
    <message>
        <source>CA: %1</source>
        <translation>CA：%1</translation>
    </message>
    <message>
        <source>Certificate: %1</source>
        <translation>证书：%1</translation>
    </message>
    <message>
        <source>Give this key to the supervisor: the CA refused it</source>
        <translation>请将此密钥交给主管：CA 拒绝了它</translation>
    </message>
    <message>
        <source>Re-plug the key, then retry it; if it happens again, set it aside</source>
        <translation>重新插入密钥后重试；如果再次出现，请将其放到一边</translation>
    </message>
    <message>
        <source>Already done in this lot: set the key aside</source>
        <translation>此生产批次中已完成：请将密钥放到一边</translation>
    </message>
    <message>
        <source>Set the key aside and call the supervisor</source>
        <translation>请将密钥放到一边并联系主管</translation>
    </message>
</context>
<context>
    <name>ks::core::JobStage</name>
    <message>
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>Logging in to the key</source>
        <translation>正在登录密钥</translation>
    </message>
    <message>
        <source>Looking for a free key pair</source>
        <translation>正在查找空闲密钥对</translation>
    </message>
    <message>
        <source>Generating a key pair on the key</source>
        <translation>正在密钥上生成密钥对</translation>
    </message>
    <message>
        <source>Reading the key's identity</source>
        <translation>正在读取密钥标识</translation>
    </message>
    <message>
        <source>Signing the request on the key</source>
        <translation>正在密钥上签名证书请求</translation>
    </message>
    <message>
        <source>Enrolling with the CA</source>
        <translation>正在向 CA 申请证书</translation>
    </message>
    <message>
        <source>Checking the certificate</source>
        <translation>正在检查证书</translation>
    </message>
    <message>
        <source>Writing the certificate</source>
        <translation>正在写入证书</translation>
    </message>
    <message>
        <source>Reading the certificate back</source>
        <translation>正在回读证书</translation>
    </message>
    <message>
        <source>Setting the user PIN</source>
        <translation>正在设置用户PIN码</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>ks::core::Journal</name>
    <message>
        <source>Journal database error while %1.</source>
        <translation>%1时日志库数据库出错。</translation>
    </message>
    <message>
        <source>Cannot create the journal file %1.</source>
        <translation>无法创建日志库文件 %1。</translation>
    </message>
    <message>
        <source>Cannot switch the journal to WAL mode: %1</source>
        <translation>无法将日志库切换到 WAL 模式：%1</translation>
    </message>
    <message>
        <source>The journal %1 was written by a newer KeyStation (schema %2).</source>
        <translation>日志库 %1 由更新版本的 KeyStation 写入（结构版本 %2）。</translation>
    </message>
    <message>
        <source>Cannot open the journal %1.</source>
        <translation>无法打开日志库 %1。</translation>
    </message>
    <message>
        <source>locking the chain head</source>
        <translation>锁定链头</translation>
    </message>
    <message>
        <source>reading a batch</source>
        <translation>读取批次</translation>
    </message>
    <message>
        <source>No batch %1 in the journal.</source>
        <translation>日志库中没有批次 %1。</translation>
    </message>
    <message>
        <source>reading an attempt</source>
        <translation>读取发行记录</translation>
    </message>
    <message>
        <source>No attempt %1 in the journal.</source>
        <translation>日志库中没有发行记录 %1。</translation>
    </message>
    <message>
        <source>hashing</source>
        <translation>计算哈希</translation>
    </message>
    <message>
        <source>writing an event</source>
        <translation>写入事件</translation>
    </message>
    <message>
        <source>updating a record</source>
        <translation>更新记录</translation>
    </message>
    <message>
        <source>moving the chain head</source>
        <translation>移动链头</translation>
    </message>
    <message>
        <source>committing</source>
        <translation>提交</translation>
    </message>
    <message>
        <source>An attempt needs the key's hardware serial.</source>
        <translation>发行记录需要密钥的硬件序列号。</translation>
    </message>
    <message>
        <source>Journal the CKA_ID (detail.keyId) before generating a key pair, so a crash during generation leaves a key pair resume can find.</source>
        <translation>生成密钥对之前必须先在日志中记录 CKA_ID（detail.keyId），这样生成过程中崩溃后，续接时仍能找到该密钥对。</translation>
    </message>
    <message>
        <source>An attempt cannot finish as running.</source>
        <translation>发行记录不能以“进行中”状态结束。</translation>
    </message>
    <message>
        <source>reading a key's history</source>
        <translation>读取密钥的历史</translation>
    </message>
    <message>
        <source>listing unfinished attempts</source>
        <translation>列出未完成的发行记录</translation>
    </message>
    <message>
        <source>listing batches</source>
        <translation>列出批次</translation>
    </message>
    <message>
        <source>listing attempts</source>
        <translation>列出发行记录</translation>
    </message>
    <message>
        <source>listing events</source>
        <translation>列出事件</translation>
    </message>
    <message>
        <source>starting verification</source>
        <translation>开始校验</translation>
    </message>
    <message>
        <source>reading events</source>
        <translation>读取事件</translation>
    </message>
    <message>
        <source>record(s) %1 to %2 before this one are missing (deleted)</source>
        <translation>此记录之前的记录 %1 至 %2 缺失（已被删除）</translation>
    </message>
    <message>
        <source>its previous-hash does not match the previous record's hash</source>
        <translation>其前一哈希与上一条记录的哈希不符</translation>
    </message>
    <message>
        <source>its content does not match its hash (edited)</source>
        <translation>其内容与其哈希不符（已被修改）</translation>
    </message>
    <message>
        <source>reading the chain head</source>
        <translation>读取链头</translation>
    </message>
    <message>
        <source>the chain head names record %1 but the last record is %2 (records at the end deleted)</source>
        <translation>链头指向记录 %1，但最后一条记录是 %2（末尾的记录已被删除）</translation>
    </message>
    <message>
        <source>reading batches</source>
        <translation>读取批次</translation>
    </message>
    <message>
        <source>no journal record created this batch</source>
        <translation>没有日志记录创建此批次</translation>
    </message>
    <message>
        <source>the row differs from what its journal records say (edited)</source>
        <translation>该行与其日志记录不一致（已被修改）</translation>
    </message>
    <message>
        <source>the batch row is missing (deleted)</source>
        <translation>批次行缺失（已被删除）</translation>
    </message>
    <message>
        <source>reading attempts</source>
        <translation>读取发行记录</translation>
    </message>
    <message>
        <source>no journal record created this attempt</source>
        <translation>没有日志记录创建此发行记录</translation>
    </message>
    <message>
        <source>the attempt row is missing (deleted)</source>
        <translation>发行记录行缺失（已被删除）</translation>
    </message>
    <message>
        <source>Journal intact: %1 records verified.</source>
        <translation>日志完整：已校验 %1 条记录。</translation>
    </message>
    <message>
        <source>Journal BROKEN at %1 record %2: %3</source>
        <translation>日志在 %1 记录 %2 处被破坏：%3</translation>
    </message>
    <message>
        <source>Your role does not allow this (%1).</source>
        <translation>您的角色不允许此操作（%1）。</translation>
    </message>
    <message>
        <source>listing operators</source>
        <translation>列出操作员</translation>
    </message>
    <message>
        <source>reading an operator</source>
        <translation>读取操作员</translation>
    </message>
    <message>
        <source>Cannot read the anchor file %1.</source>
        <translation>无法读取锚点文件 %1。</translation>
    </message>
    <message>
        <source>Line %1 of the anchor file %2 is not an anchor.</source>
        <translation>锚点文件 %2 的第 %1 行不是锚点。</translation>
    </message>
    <message>
        <source>The anchor file %1 holds no anchor.</source>
        <translation>锚点文件 %1 中没有锚点。</translation>
    </message>
    <message>
        <source>the anchor file names two different hashes for this record</source>
        <translation>锚点文件为此记录给出了两个不同的哈希</translation>
    </message>
    <message>
        <source>its hash differs from the anchor kept outside the database (the chain was rewritten from here or earlier)</source>
        <translation>其哈希与数据库之外保存的锚点不一致（哈希链自此处或更早处被改写）</translation>
    </message>
    <message>
        <source>the anchor kept outside the database names record %1 but the chain ends at record %2 (records at the end removed and the chain head moved back)</source>
        <translation>数据库之外保存的锚点指向记录 %1，但哈希链止于记录 %2（末尾的记录已被删除，链头被回退）</translation>
    </message>
    <message>
        <source>reading operators</source>
        <translation>读取操作员</translation>
    </message>
    <message>
        <source>no journal record created this account (inserted outside KeyStation)</source>
        <translation>没有日志记录创建此账户（在 KeyStation 之外插入）</translation>
    </message>
    <message>
        <source>the account differs from its last journal record (role, password, badge, disabled or lock-out edited)</source>
        <translation>该账户与其最后一条日志记录不一致（角色、密码、工卡、停用状态或锁定状态被修改）</translation>
    </message>
    <message>
        <source>the account row is missing (deleted)</source>
        <translation>该账户行缺失（已被删除）</translation>
    </message>
    <message>
        <source>the journal's lot %1</source>
        <translation>日志库中的生产批次 %1</translation>
    </message>
    <message>
        <source>The journal's record of lot %1 is unreadable.</source>
        <translation>日志库中生产批次 %1 的记录无法读取。</translation>
    </message>
    <message>
        <source>A lot needs an id, a profile and a quantity above 0.</source>
        <translation>生产批次需要 ID、模板和大于 0 的数量。</translation>
    </message>
    <message>
        <source>reading a lot</source>
        <translation>读取生产批次</translation>
    </message>
    <message>
        <source>The journal already holds a different lot %1 (manifest SHA-256 %2); give a changed work order a new id.</source>
        <translation>日志库中已有另一个生产批次 %1（清单 SHA-256 %2）；修改过的工单请使用新的 ID。</translation>
    </message>
    <message>
        <source>No lot %1 in the journal.</source>
        <translation>日志库中没有生产批次 %1。</translation>
    </message>
    <message>
        <source>listing lots</source>
        <translation>列出生产批次</translation>
    </message>
    <message>
        <source>The lot %1 differs from the one the journal holds.</source>
        <translation>生产批次 %1 与日志库中保存的不一致。</translation>
    </message>
    <message>
        <source>counting a lot</source>
        <translation>统计生产批次</translation>
    </message>
    <message>
        <source>listing a lot's keys</source>
        <translation>列出生产批次的密钥</translation>
    </message>
    <message>
        <source>listing unfinished batches</source>
        <translation>列出未完成的批次</translation>
    </message>
    <message>
        <source>Interrupted: the KeyStation process running this key ended without finishing it (killed, crashed or powered off). The key resumes where it stopped when it is provisioned again.</source>
        <translation>已中断：处理此密钥的 KeyStation 进程在完成之前结束了（被终止、崩溃或断电）。再次发行时，该密钥会从中断处继续。</translation>
    </message>
    <message>
        <source>The attempt %1 has finished.</source>
        <translation>发行记录 %1 已结束。</translation>
    </message>
</context>
<context>
    <name>ks::core::JournalConfig</name>
    <message>
        <source>Invalid PostgreSQL port.</source>
        <translation>PostgreSQL 端口无效。</translation>
    </message>
    <message>
        <source>The PostgreSQL journal needs a database name and a user.</source>
        <translation>PostgreSQL 日志库需要数据库名和用户名。</translation>
    </message>
    <message>
        <source>%1 line %2: expected "key = value".</source>
        <translation>%1 第 %2 行：应为“键 = 值”。</translation>
    </message>
    <message>
        <source>%1 line %2: unknown key "%3".</source>
        <translation>%1 第 %2 行：未知的键“%3”。</translation>
    </message>
</context>
<context>
    <name>ks::core::LotManifest</name>
    <message>
        <source>Lot file not found: %1.</source>
        <translation>找不到生产批次文件：%1。</translation>
    </message>
    <message>
        <source>(no file name)</source>
        <translation>（无文件名）</translation>
    </message>
    <message>
        <source>Cannot read the lot file %1.</source>
        <translation>无法读取生产批次文件 %1。</translation>
    </message>
    <message>
        <source>The lot file %1 is larger than 16 MiB.</source>
        <translation>生产批次文件 %1 大于 16 MiB。</translation>
    </message>
    <message>
        <source>the lot</source>
        <translation>生产批次</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>larger than 16 MiB.</source>
        <translation>大于 16 MiB。</translation>
    </message>
    <message>
        <source>not valid JSON: %1 at offset %2.</source>
        <translation>不是有效的 JSON：%1，位于偏移 %2。</translation>
    </message>
    <message>
        <source>a lot manifest must be a JSON object.</source>
        <translation>生产批次清单必须是 JSON 对象。</translation>
    </message>
    <message>
        <source>unknown field "%1" (misspelt?).</source>
        <translation>未知字段“%1”（拼写错误？）。</translation>
    </message>
    <message>
        <source>the field "%1" is required.</source>
        <translation>字段“%1”为必填项。</translation>
    </message>
    <message>
        <source>the field "%1" must be a string.</source>
        <translation>字段“%1”必须是字符串。</translation>
    </message>
    <message>
        <source>the field "%1" must not be empty.</source>
        <translation>字段“%1”不能为空。</translation>
    </message>
    <message>
        <source>the field "quantity" is required.</source>
        <translation>字段“quantity”为必填项。</translation>
    </message>
    <message>
        <source>the field "quantity" must be a whole number.</source>
        <translation>字段“quantity”必须是整数。</translation>
    </message>
    <message>
        <source>the field "quantity" must be between 1 and 10000000.</source>
        <translation>字段“quantity”必须介于 1 和 10000000 之间。</translation>
    </message>
    <message>
        <source>the field "serials" must be a list of strings.</source>
        <translation>字段“serials”必须是字符串列表。</translation>
    </message>
    <message>
        <source>"%1" must be a string.</source>
        <translation>“%1”必须是字符串。</translation>
    </message>
    <message>
        <source>"%1" is empty.</source>
        <translation>“%1”为空。</translation>
    </message>
    <message>
        <source>the serial %1 is listed twice ("%2").</source>
        <translation>序列号 %1 被列出了两次（“%2”）。</translation>
    </message>
    <message>
        <source>the field "serialRanges" must be a list of {"from", "to"} objects.</source>
        <translation>字段“serialRanges”必须是 {"from", "to"} 对象的列表。</translation>
    </message>
    <message>
        <source>"%1" must be an object with "from" and "to".</source>
        <translation>“%1”必须是包含“from”和“to”的对象。</translation>
    </message>
    <message>
        <source>the field "%1" is required and must be a string.</source>
        <translation>字段“%1”为必填项，且必须是字符串。</translation>
    </message>
    <message>
        <source>"%1": from (%2) and to (%3) must have the same length.</source>
        <translation>“%1”：from（%2）和 to（%3）的长度必须相同。</translation>
    </message>
    <message>
        <source>"%1": from (%2) is after to (%3).</source>
        <translation>“%1”：from（%2）大于 to（%3）。</translation>
    </message>
    <message>
        <source>the lot allows no key: give "serials" and/or "serialRanges".</source>
        <translation>该生产批次不允许任何密钥：请提供“serials”和/或“serialRanges”。</translation>
    </message>
</context>
<context>
    <name>ks::core::OperatorStore</name>
    <message>
        <source>The operator database failed.</source>
        <translation>操作员数据库出错。</translation>
    </message>
    <message>
        <source>Your role does not allow this (%1).</source>
        <translation>您的角色不允许此操作（%1）。</translation>
    </message>
    <message>
        <source>No such operator.</source>
        <translation>没有这个操作员。</translation>
    </message>
    <message>
        <source>An operator named %1 already exists.</source>
        <translation>名为 %1 的操作员已存在。</translation>
    </message>
    <message>
        <source>An operator name is 1 to 64 letters, digits, '.', '_', '@' or '-'.</source>
        <translation>操作员名称为 1 至 64 个字母、数字、“.”、“_”、“@”或“-”。</translation>
    </message>
    <message>
        <source>A password needs at least %1 characters.</source>
        <translation>密码至少需要 %1 个字符。</translation>
    </message>
    <message>
        <source>Could not hash the password.</source>
        <translation>无法计算密码哈希。</translation>
    </message>
    <message>
        <source>Unknown operator or wrong password.</source>
        <translation>操作员不存在或密码错误。</translation>
    </message>
    <message>
        <source>No operator account belongs to this badge.</source>
        <translation>没有与此工卡对应的操作员账户。</translation>
    </message>
    <message>
        <source>You cannot disable your own account.</source>
        <translation>不能停用自己的账户。</translation>
    </message>
    <message>
        <source>A badge fingerprint is 64 hexadecimal digits.</source>
        <translation>工卡指纹是 64 位十六进制数字。</translation>
    </message>
    <message>
        <source>This session was not opened on this station's journal.</source>
        <translation>此会话不是在本工位的日志库上打开的。</translation>
    </message>
    <message>
        <source>%1 is the last enabled administrator; make another administrator first.</source>
        <translation>%1 是最后一个已启用的管理员；请先设置另一个管理员。</translation>
    </message>
    <message>
        <source>Accounts exist already; log in as an administrator to add accounts.</source>
        <translation>账户已存在；请以管理员身份登录以添加账户。</translation>
    </message>
    <message>
        <source>This badge is enrolled for %1 already.</source>
        <translation>此工卡已登记给 %1。</translation>
    </message>
</context>
<context>
    <name>ks::core::PinDerivation</name>
    <message>
        <source>A derived PIN must have %1 to %2 digits.</source>
        <translation>派生PIN码必须为 %1 至 %2 位数字。</translation>
    </message>
    <message>
        <source>The station secret is empty.</source>
        <translation>工位密钥为空。</translation>
    </message>
    <message>
        <source>The hardware serial is empty.</source>
        <translation>硬件序列号为空。</translation>
    </message>
    <message>
        <source>HMAC-SHA256 failed.</source>
        <translation>HMAC-SHA256 计算失败。</translation>
    </message>
    <message>
        <source>The station secret file %1 must hold hexadecimal digits only.</source>
        <translation>工位密钥文件 %1 只能包含十六进制数字。</translation>
    </message>
    <message>
        <source>The station secret in %1 must be an even number of hex digits, at least 16 bytes.</source>
        <translation>%1 中的工位密钥必须是偶数个十六进制数字，且至少 16 字节。</translation>
    </message>
</context>
<context>
    <name>ks::core::ProfileLoader</name>
    <message>
        <source>Unknown field "%1" (misspelt?).</source>
        <translation>未知字段“%1”（拼写错误？）。</translation>
    </message>
    <message>
        <source>The field "%1" is required.</source>
        <translation>字段“%1”为必填项。</translation>
    </message>
    <message>
        <source>The field "%1" must be a string.</source>
        <translation>字段“%1”必须是字符串。</translation>
    </message>
    <message>
        <source>The field "%1" must be a whole number.</source>
        <translation>字段“%1”必须是整数。</translation>
    </message>
    <message>
        <source>The field "%1" must be between %2 and %3.</source>
        <translation>字段“%1”必须介于 %2 和 %3 之间。</translation>
    </message>
    <message>
        <source>The field "%1" must be a list of strings.</source>
        <translation>字段“%1”必须是字符串列表。</translation>
    </message>
    <message>
        <source>"%1" is not allowed in "%2"; use one of: %3.</source>
        <translation>“%2”中不允许使用“%1”；请使用以下之一：%3。</translation>
    </message>
    <message>
        <source>The section "%1" is required.</source>
        <translation>必须包含“%1”部分。</translation>
    </message>
    <message>
        <source>The field "%1" must be an object.</source>
        <translation>字段“%1”必须是对象。</translation>
    </message>
    <message>
        <source>A transport PIN needs exactly one of "pin.file" or "pin.env"; a PIN is never written in the profile itself.</source>
        <translation>传输PIN码需要且只需要“pin.file”或“pin.env”之一；PIN码从不直接写在模板中。</translation>
    </message>
    <message>
        <source>A derived PIN needs "pin.secretFile" (the station secret).</source>
        <translation>派生PIN码需要“pin.secretFile”（工位密钥）。</translation>
    </message>
    <message>
        <source>"pin.source" must be "transport" or "derived".</source>
        <translation>“pin.source”必须是“transport”或“derived”。</translation>
    </message>
    <message>
        <source>Unknown placeholder "%1" in "subject.%2"; only ${serial} exists.</source>
        <translation>“subject.%2”中有未知占位符“%1”；只支持 ${serial}。</translation>
    </message>
    <message>
        <source>"subject.%1" is longer than 64 characters (RFC 5280 upper bound).</source>
        <translation>“subject.%1”超过 64 个字符（RFC 5280 上限）。</translation>
    </message>
    <message>
        <source>"subject.commonName" must not be empty.</source>
        <translation>“subject.commonName”不能为空。</translation>
    </message>
    <message>
        <source>The subject must carry the hardware serial: put ${serial} in "subject.commonName" or "subject.serialNumber".</source>
        <translation>主题必须包含硬件序列号：请在“subject.commonName”或“subject.serialNumber”中使用 ${serial}。</translation>
    </message>
    <message>
        <source>"subject.country" must be a two-letter ISO 3166 code such as "CN".</source>
        <translation>“subject.country”必须是两个字母的 ISO 3166 代码，例如“CN”。</translation>
    </message>
    <message>
        <source>"ca.url" must be an https:// URL with a host.</source>
        <translation>“ca.url”必须是带主机名的 https:// 地址。</translation>
    </message>
    <message>
        <source>"ca.clientCertFile" and "ca.clientKeyFile" go together.</source>
        <translation>“ca.clientCertFile”和“ca.clientKeyFile”必须同时提供。</translation>
    </message>
    <message>
        <source>"ca.usernameFile" and "ca.passwordFile" go together.</source>
        <translation>“ca.usernameFile”和“ca.passwordFile”必须同时提供。</translation>
    </message>
    <message>
        <source>"ca.tlsPinSha256" must be 64 hexadecimal digits (a SHA-256).</source>
        <translation>“ca.tlsPinSha256”必须是 64 位十六进制数字（SHA-256）。</translation>
    </message>
    <message>
        <source>Cannot read the profile %1.</source>
        <translation>无法读取模板 %1。</translation>
    </message>
    <message>
        <source>The profile %1 is larger than 1 MiB.</source>
        <translation>模板 %1 大于 1 MiB。</translation>
    </message>
    <message>
        <source>The profile is larger than 1 MiB.</source>
        <translation>模板大于 1 MiB。</translation>
    </message>
    <message>
        <source>The profile is not valid JSON: %1 at offset %2.</source>
        <translation>模板不是有效的 JSON：%1，位于偏移 %2。</translation>
    </message>
    <message>
        <source>The profile must be a JSON object.</source>
        <translation>模板必须是 JSON 对象。</translation>
    </message>
    <message>
        <source>"name" must not be empty.</source>
        <translation>“name”不能为空。</translation>
    </message>
    <message>
        <source>"keyAlgorithm" must be one of rsa2048, rsa3072, rsa4096, ec-p256, ec-p384.</source>
        <translation>“keyAlgorithm”必须是 rsa2048、rsa3072、rsa4096、ec-p256、ec-p384 之一。</translation>
    </message>
    <message>
        <source>"keyUsage" must not be empty.</source>
        <translation>“keyUsage”不能为空。</translation>
    </message>
    <message>
        <source>"keyEncipherment" needs an RSA key; EC keys use "keyAgreement".</source>
        <translation>“keyEncipherment”需要 RSA 密钥；EC 密钥请使用“keyAgreement”。</translation>
    </message>
    <message>
        <source>The field "%1" must be true or false.</source>
        <translation>字段“%1”必须为 true 或 false。</translation>
    </message>
    <message>
        <source>The field "%1" must be a list of non-empty strings.</source>
        <translation>字段“%1”必须是非空字符串的列表。</translation>
    </message>
    <message>
        <source>"ca.%1" is a SCEP field; "ca.protocol" is not "scep".</source>
        <translation>“ca.%1”是 SCEP 字段，而“ca.protocol”不是“scep”。</translation>
    </message>
    <message>
        <source>SCEP needs "ca.caCertificateSha256": the SHA-256 of the CA certificate, the only proof over plain HTTP that the CA is the right one.</source>
        <translation>SCEP 需要“ca.caCertificateSha256”：CA 证书的 SHA-256，在明文 HTTP 上这是证明 CA 正确的唯一依据。</translation>
    </message>
    <message>
        <source>"ca.caCertificateSha256" must be 64 hexadecimal digits (a SHA-256).</source>
        <translation>“ca.caCertificateSha256”必须是 64 位十六进制数字（一个 SHA-256）。</translation>
    </message>
    <message>
        <source>"ca.protocol" "scep" needs an RSA "keyAlgorithm" (rsa2048, rsa3072 or rsa4096), not %1: SCEP's envelopes use RSA key transport, which an EC key cannot open.</source>
        <translation>“ca.protocol”为“scep”时需要 RSA 的“keyAlgorithm”（rsa2048、rsa3072 或 rsa4096），而不是 %1：SCEP 的信封使用 RSA 密钥传输，EC 密钥无法打开。</translation>
    </message>
    <message>
        <source>"ca.protocol" must be "cfssl", "est" or "scep".</source>
        <translation>“ca.protocol”必须是“cfssl”、“est”或“scep”。</translation>
    </message>
    <message>
        <source>"ca.url" must be an http:// or https:// URL with a host.</source>
        <translation>“ca.url”必须是带主机名的 http:// 或 https:// 地址。</translation>
    </message>
    <message>
        <source>"ca.url" must not carry a user name or password (user:password@host); give them in "ca.usernameFile" and "ca.passwordFile".</source>
        <translation>“ca.url”不能包含用户名或密码（user:password@host）；请在“ca.usernameFile”和“ca.passwordFile”中提供。</translation>
    </message>
    <message>
        <source>Profile file not found: %1 (give --profile FILE or set KEYSTATION_PROFILE).</source>
        <translation>找不到模板文件：%1（请用 --profile 文件 指定，或设置 KEYSTATION_PROFILE）。</translation>
    </message>
    <message>
        <source>(no file name)</source>
        <translation>（无文件名）</translation>
    </message>
    <message>
        <source>"reuseKeyPairs" must be "generatedOnKey" or "never".</source>
        <translation>“reuseKeyPairs”必须是“generatedOnKey”或“never”。</translation>
    </message>
    <message>
        <source>"labels.directory" must not be empty.</source>
        <translation>“labels.directory”不能为空。</translation>
    </message>
</context>
<context>
    <name>ks::core::ProvisioningJob</name>
    <message>
        <source>No answer within %1 s while %2; the key was left as it is.</source>
        <translation>在%2时 %1 秒内无响应；密钥保持原状。</translation>
    </message>
    <message>
        <source>Cancelled by the operator.</source>
        <translation>已被操作员取消。</translation>
    </message>
    <message>
        <source>The batch log cannot be written (%1); stopped before touching the key.</source>
        <translation>批次日志无法写入（%1）；已在操作密钥之前停止。</translation>
    </message>
    <message>
        <source>The batch log cannot be written (%1); stopped.</source>
        <translation>批次日志无法写入（%1）；已停止。</translation>
    </message>
    <message>
        <source>No transport PIN is configured.</source>
        <translation>未配置传输PIN码。</translation>
    </message>
    <message>
        <source>The batch log cannot be written (%1); the key was not touched.</source>
        <translation>批次日志无法写入（%1）；未对密钥做任何操作。</translation>
    </message>
    <message>
        <source>The key in this slot changed to %1.</source>
        <translation>此插槽中的密钥已变为 %1。</translation>
    </message>
    <message>
        <source>The enrolment was cancelled.</source>
        <translation>证书申请已取消。</translation>
    </message>
    <message>
        <source>The certificate read back from the key is not the one written.</source>
        <translation>从密钥回读的证书与写入的证书不同。</translation>
    </message>
    <message>
        <source>Its worker process was stopped.</source>
        <translation>其工作进程已被停止。</translation>
    </message>
    <message>
        <source>Key %1 was pulled out during %2 (the module answered %3).</source>
        <translation>密钥 %1 在执行“%2”时被拔出（模块返回 %3）。</translation>
    </message>
    <message>
        <source>Key %1 refused the PIN at its last attempt (%2); no further try is spent. A supervisor checks the key and its PIN, then it is provisioned again with --retry-pin-refused.</source>
        <translation>密钥 %1 在最后一次尝试时拒绝了PIN码（%2）；不再消耗尝试次数。由主管检查该密钥及其PIN码后，使用 --retry-pin-refused 重新发行。</translation>
    </message>
    <message>
        <source>Key %1 already holds a certificate this profile did not issue (%2, issued by %3; check result: %4). It was left as it is, without a login. Check that this is the right profile for these keys; to add this profile's certificate next to it, provision the key again with --force.</source>
        <translation>密钥 %1 已持有一张并非本配置签发的证书（%2，签发者 %3；检查结果：%4）。未登录密钥，密钥保持原样。请确认这些密钥使用的是正确的配置；如需在其旁边加入本配置的证书，请使用 --force 重新发行该密钥。</translation>
    </message>
    <message>
        <source>The lot %1 cannot be checked in the batch log (%2); the key was not touched.</source>
        <translation>无法在批次日志中核对生产批次 %1（%2）；未对密钥做任何操作。</translation>
    </message>
    <message>
        <source>Key %1 is not in lot %2: it was not touched. Put it aside; it belongs to another work order.</source>
        <translation>密钥 %1 不属于生产批次 %2：未对其做任何操作。请将其放到一边；它属于另一个工单。</translation>
    </message>
    <message>
        <source>Key %1 is already done in lot %2 (on this or another station): it is not enrolled twice and was not touched.</source>
        <translation>密钥 %1 已在生产批次 %2 中完成（在本工位或其他工位）：不会重复发行，未对其做任何操作。</translation>
    </message>
    <message>
        <source>Lot %1 is complete: %2 of %2 done or in progress. Key %3 was not touched.</source>
        <translation>生产批次 %1 已满：%2 / %2 个已完成或正在进行。未对密钥 %3 做任何操作。</translation>
    </message>
</context>
<context>
    <name>ks::core::Role</name>
    <message>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
</context>
<context>
    <name>ks::core::Station</name>
    <message>
        <source>The profile's transport PIN is empty.</source>
        <translation>模板中的传输PIN码为空。</translation>
    </message>
    <message>
        <source>The CA request was cancelled.</source>
        <translation>CA 请求已取消。</translation>
    </message>
    <message>
        <source>%1: %2 is not a file.</source>
        <translation>%1：%2 不是文件。</translation>
    </message>
    <message>
        <source>%1: file not found: %2</source>
        <translation>%1：找不到文件：%2</translation>
    </message>
    <message>
        <source>The token worker program %1 is missing or not executable (reinstall KeyStation, or set KEYSTATION_TOKEN_WORKER).</source>
        <translation>密钥工作程序 %1 缺失或不可执行（请重新安装 KeyStation，或设置 KEYSTATION_TOKEN_WORKER）。</translation>
    </message>
    <message>
        <source>No PEM certificate in %1.</source>
        <translation>%1 中没有 PEM 证书。</translation>
    </message>
    <message>
        <source>The server's TLS certificate was checked against %1 (ca.trustAnchorFile): check that this file holds the CA that issued the server's certificate, and that ca.url names a host that certificate covers.</source>
        <translation>服务器的 TLS 证书已用 %1（ca.trustAnchorFile）验证：请检查该文件是否包含签发服务器证书的 CA，以及 ca.url 中的主机是否在该证书覆盖范围内。</translation>
    </message>
    <message>
        <source>Check ca.tlsPinSha256 against the server's current key.</source>
        <translation>请对照服务器当前的密钥检查 ca.tlsPinSha256。</translation>
    </message>
    <message>
        <source>The lot %1 is for the profile "%2", but this station runs the profile "%3".</source>
        <translation>生产批次 %1 使用模板“%2”，但本工位运行的是模板“%3”。</translation>
    </message>
    <message>
        <source>The CA at %1 does not answer</source>
        <translation>%1 的 CA 没有应答</translation>
    </message>
    <message>
        <source>The CA at %1 answers too slowly</source>
        <translation>%1 的 CA 应答过慢</translation>
    </message>
    <message>
        <source>The CA at %1 is not the CA this station trusts</source>
        <translation>%1 的 CA 不是本工作站信任的 CA</translation>
    </message>
    <message>
        <source>The CA at %1 refuses this station's credentials</source>
        <translation>%1 的 CA 拒绝了本工作站的凭据</translation>
    </message>
    <message>
        <source>The CA settings of this station are not usable</source>
        <translation>本工作站的 CA 设置不可用</translation>
    </message>
    <message>
        <source>The CA at %1 has a fault (HTTP %2)</source>
        <translation>%1 的 CA 出现故障（HTTP %2）</translation>
    </message>
    <message>
        <source>The CA at %1 answers in a way this station does not understand</source>
        <translation>%1 的 CA 的应答无法被本工作站识别</translation>
    </message>
    <message>
        <source>CA: connected</source>
        <translation>CA：已连接</translation>
    </message>
    <message>
        <source>%1 (%2) answered; certificates: %3</source>
        <translation>%1（%2）已应答；证书：%3</translation>
    </message>
    <message>
        <source>%1 (%2): %3</source>
        <translation>%1（%2）：%3</translation>
    </message>
</context>
<context>
    <name>ks::core::TokenScepKey</name>
    <message>
        <source>SCEP needs an RSA key pair.</source>
        <translation>SCEP 需要 RSA 密钥对。</translation>
    </message>
    <message>
        <source>The key pair's public key is malformed.</source>
        <translation>密钥对的公钥格式错误。</translation>
    </message>
    <message>
        <source>The enrolment ended; the key is no longer used for it.</source>
        <translation>申请已结束，不再为其使用该密钥。</translation>
    </message>
</context>
<context>
    <name>ks::core::VersionInfo</name>
    <message>
        <source>Qt %1 (built with %2)</source>
        <translation>Qt %1（编译时为 %2）</translation>
    </message>
    <message>
        <source>PKCS#11 module: none configured (--module or KEYSTATION_PKCS11_MODULE; the default is %1)</source>
        <translation>PKCS#11 模块：未配置（--module 或 KEYSTATION_PKCS11_MODULE；默认为 %1）</translation>
    </message>
    <message>
        <source>PKCS#11 module %1: cannot be loaded: %2</source>
        <translation>PKCS#11 模块 %1：无法加载：%2</translation>
    </message>
    <message>
        <source>PKCS#11 module %1: %2, library %3, Cryptoki %4</source>
        <translation>PKCS#11 模块 %1：%2，库版本 %3，Cryptoki %4</translation>
    </message>
</context>
<context>
    <name>ks::device::CertificateBuilder</name>
    <message>
        <source>Cannot build the self-signed certificate: %1</source>
        <translation>无法生成自签名证书：%1</translation>
    </message>
    <message>
        <source>no public key or no validity</source>
        <translation>没有公钥或有效期</translation>
    </message>
    <message>
        <source>out of memory</source>
        <translation>内存不足</translation>
    </message>
    <message>
        <source>no random bytes for the serial</source>
        <translation>无法为序列号取得随机数</translation>
    </message>
    <message>
        <source>cannot set the serial</source>
        <translation>无法设置序列号</translation>
    </message>
    <message>
        <source>bad subject field %1</source>
        <translation>主题字段 %1 无效</translation>
    </message>
    <message>
        <source>cannot set the subject, validity or public key</source>
        <translation>无法设置主题、有效期或公钥</translation>
    </message>
    <message>
        <source>cannot add basicConstraints</source>
        <translation>无法添加 basicConstraints</translation>
    </message>
    <message>
        <source>bad key usage %1</source>
        <translation>密钥用法 %1 无效</translation>
    </message>
    <message>
        <source>bad extended key usage %1</source>
        <translation>扩展密钥用法 %1 无效</translation>
    </message>
    <message>
        <source>cannot set the signature algorithm</source>
        <translation>无法设置签名算法</translation>
    </message>
    <message>
        <source>cannot encode</source>
        <translation>无法编码</translation>
    </message>
    <message>
        <source>the assembled certificate does not parse</source>
        <translation>拼装出的证书无法解析</translation>
    </message>
    <message>
        <source>The key's signature on the self-signed certificate does not verify.</source>
        <translation>密钥对自签名证书的签名验证失败。</translation>
    </message>
</context>
<context>
    <name>ks::device::CsrBuilder</name>
    <message>
        <source>Cannot build the certificate request: %1</source>
        <translation>无法生成证书请求：%1</translation>
    </message>
    <message>
        <source>out of memory</source>
        <translation>内存不足</translation>
    </message>
    <message>
        <source>bad public key</source>
        <translation>公钥无效</translation>
    </message>
    <message>
        <source>bad subject field %1</source>
        <translation>主题字段 %1 无效</translation>
    </message>
    <message>
        <source>bad key usage %1</source>
        <translation>密钥用法 %1 无效</translation>
    </message>
    <message>
        <source>bad extended key usage %1</source>
        <translation>扩展密钥用法 %1 无效</translation>
    </message>
    <message>
        <source>cannot add extensions</source>
        <translation>无法添加扩展</translation>
    </message>
    <message>
        <source>cannot add the enrolment code</source>
        <translation>无法添加注册码</translation>
    </message>
    <message>
        <source>cannot set the signature algorithm</source>
        <translation>无法设置签名算法</translation>
    </message>
    <message>
        <source>cannot attach the signature</source>
        <translation>无法附加签名</translation>
    </message>
    <message>
        <source>The key's signature on the certificate request does not verify.</source>
        <translation>密钥对证书请求的签名验证失败。</translation>
    </message>
    <message>
        <source>cannot encode</source>
        <translation>无法编码</translation>
    </message>
</context>
<context>
    <name>ks::device::DeviceError</name>
    <message>
        <source>The key was removed.</source>
        <translation>密钥已被移除。</translation>
    </message>
    <message>
        <source>The key reported a hardware error.</source>
        <translation>密钥报告了硬件错误。</translation>
    </message>
    <message>
        <source>The key is full.</source>
        <translation>密钥存储空间已满。</translation>
    </message>
    <message>
        <source>Wrong PIN.</source>
        <translation>PIN码错误。</translation>
    </message>
    <message>
        <source>The key's PIN is locked.</source>
        <translation>密钥的PIN码已锁定。</translation>
    </message>
    <message>
        <source>The key is write-protected.</source>
        <translation>密钥处于写保护状态。</translation>
    </message>
    <message>
        <source>The key does not support this algorithm.</source>
        <translation>密钥不支持此算法。</translation>
    </message>
    <message>
        <source>The key is not logged in.</source>
        <translation>密钥未登录。</translation>
    </message>
    <message>
        <source>The key refused the operation.</source>
        <translation>密钥拒绝了此操作。</translation>
    </message>
    <message>
        <source>(PKCS#11 function '%1' failed: %2)</source>
        <translation>（PKCS#11 函数“%1”失败：%2）</translation>
    </message>
    <message>
        <source>Key %1: %2</source>
        <translation>密钥 %1：%2</translation>
    </message>
</context>
<context>
    <name>ks::device::Pkcs11Module</name>
    <message>
        <source>Cannot load PKCS#11 module %1: %2</source>
        <translation>无法加载 PKCS#11 模块 %1：%2</translation>
    </message>
    <message>
        <source>file not found</source>
        <translation>找不到文件</translation>
    </message>
    <message>
        <source>not a PKCS#11 module (no C_GetFunctionList)</source>
        <translation>不是 PKCS#11 模块（没有 C_GetFunctionList）</translation>
    </message>
    <message>
        <source>already initialised in this process; share the loaded module instead</source>
        <translation>已在本进程中初始化；请共用已加载的模块</translation>
    </message>
    <message>
        <source>No key in this slot.</source>
        <translation>此插槽中没有密钥。</translation>
    </message>
    <message>
        <source>The key is not present.</source>
        <translation>密钥不在位。</translation>
    </message>
</context>
<context>
    <name>ks::device::TokenSession</name>
    <message>
        <source>The key returned a malformed attribute.</source>
        <translation>密钥返回了格式错误的属性。</translation>
    </message>
    <message>
        <source>No object with id %1 on the key.</source>
        <translation>密钥上没有 ID 为 %1 的对象。</translation>
    </message>
    <message>
        <source>The key's RSA public key is malformed.</source>
        <translation>密钥的 RSA 公钥格式错误。</translation>
    </message>
    <message>
        <source>The key's EC public key is malformed.</source>
        <translation>密钥的 EC 公钥格式错误。</translation>
    </message>
    <message>
        <source>Unsupported key type %1.</source>
        <translation>不支持的密钥类型 %1。</translation>
    </message>
    <message>
        <source>Slot %1 now holds key %2.</source>
        <translation>插槽 %1 现在插着密钥 %2。</translation>
    </message>
    <message>
        <source>The key's PIN is locked; it needs its unblock code.</source>
        <translation>密钥的PIN码已锁定，需要解锁码。</translation>
    </message>
    <message>
        <source>The key has one PIN try left; not trying, so it is not locked by accident.</source>
        <translation>密钥只剩一次PIN码尝试机会；为避免意外锁定，不再尝试。</translation>
    </message>
    <message>
        <source>The key has seen wrong PINs; not trying again until someone checks it.</source>
        <translation>密钥曾被输入错误的PIN码；在有人检查之前不再尝试。</translation>
    </message>
    <message>
        <source>No random bytes for the key id.</source>
        <translation>无法为密钥 ID 获取随机数。</translation>
    </message>
    <message>
        <source>The key returned a malformed ECDSA signature.</source>
        <translation>密钥返回了格式错误的 ECDSA 签名。</translation>
    </message>
    <message>
        <source>Not a DER X.509 certificate.</source>
        <translation>不是 DER 格式的 X.509 证书。</translation>
    </message>
    <message>
        <source>The certificate is not for this key pair; nothing was written.</source>
        <translation>该证书不属于此密钥对；未写入任何内容。</translation>
    </message>
    <message>
        <source>The key already holds a certificate for this key pair; it is not overwritten.</source>
        <translation>密钥上已有此密钥对的证书；不会覆盖。</translation>
    </message>
    <message>
        <source>The certificate read back from the key differs from the one written.</source>
        <translation>从密钥回读的证书与写入的证书不一致。</translation>
    </message>
    <message>
        <source>The key listed more objects than it can hold (over %1); its answer is not used.</source>
        <translation>密钥列出的对象数超出其容量（超过 %1 个）；不采用其响应。</translation>
    </message>
    <message>
        <source>The key answered an attribute length of %1 bytes (at most %2 are expected); its answer is not used.</source>
        <translation>密钥返回的属性长度为 %1 字节（预期最多 %2 字节）；不采用其响应。</translation>
    </message>
    <message>
        <source>The key answered a signature longer than the buffer it was given.</source>
        <translation>密钥返回的签名长度超过了所提供的缓冲区。</translation>
    </message>
    <message>
        <source>The key is not present.</source>
        <translation>密钥不在位。</translation>
    </message>
    <message>
        <source>A SHA-256 digest is 32 bytes, not %1.</source>
        <translation>SHA-256 摘要为 32 字节，而不是 %1。</translation>
    </message>
    <message>
        <source>Key pair %1 is not RSA: only RSA keys decrypt a key-transport block (PKCS#1 v1.5).</source>
        <translation>密钥对 %1 不是 RSA：只有 RSA 密钥能解密密钥传输块（PKCS#1 v1.5）。</translation>
    </message>
    <message>
        <source>The private key of key pair %1 may not decrypt (CKA_DECRYPT false).</source>
        <translation>密钥对 %1 的私钥不允许解密（CKA_DECRYPT 为 false）。</translation>
    </message>
    <message>
        <source>A ciphertext of %1 bytes is not an RSA block.</source>
        <translation>%1 字节的密文不是 RSA 块。</translation>
    </message>
    <message>
        <source>The key answered a plaintext longer than the buffer it was given.</source>
        <translation>密钥返回的明文超出了给定的缓冲区。</translation>
    </message>
    <message>
        <source>A certificate must be valid for at least one day.</source>
        <translation>证书的有效期至少为一天。</translation>
    </message>
</context>
<context>
    <name>ks::device::WorkerSession</name>
    <message>
        <source>The token worker %1 speaks protocol version %2, the station %3: install matching programs.</source>
        <translation>密钥工作程序 %1 使用协议版本 %2，而工位使用 %3：请安装版本匹配的程序。</translation>
    </message>
    <message>
        <source>its answer could not be read</source>
        <translation>无法读取其响应</translation>
    </message>
    <message>
        <source>The token worker program %1 is missing or not executable.</source>
        <translation>密钥工作程序 %1 缺失或不可执行。</translation>
    </message>
    <message>
        <source>Cannot create the worker's socket: %1</source>
        <translation>无法创建工作进程的套接字：%1</translation>
    </message>
    <message>
        <source>Cannot start the token worker %1: %2</source>
        <translation>无法启动密钥工作程序 %1：%2</translation>
    </message>
    <message>
        <source>it was stopped by the station</source>
        <translation>已被工位停止</translation>
    </message>
    <message>
        <source>it was killed by %1</source>
        <translation>已被 %1 终止</translation>
    </message>
    <message>
        <source>it exited with status %1</source>
        <translation>已退出，状态码 %1</translation>
    </message>
    <message>
        <source>The key's worker process failed during %1: %2.</source>
        <translation>该密钥的工作进程在执行“%1”时失败：%2。</translation>
    </message>
    <message>
        <source>The key's worker process failed during %1: %2 (%3).</source>
        <translation>该密钥的工作进程在执行“%1”时失败：%2（%3）。</translation>
    </message>
    <message>
        <source>The key's worker process is no longer running.</source>
        <translation>该密钥的工作进程已不在运行。</translation>
    </message>
    <message>
        <source>it does not take requests</source>
        <translation>不接受请求</translation>
    </message>
    <message>
        <source>no answer within %1 s</source>
        <translation>%1 秒内无响应</translation>
    </message>
    <message>
        <source>it sent an oversized message</source>
        <translation>发送了过大的消息</translation>
    </message>
    <message>
        <source>it ended without answering</source>
        <translation>未响应就结束了</translation>
    </message>
    <message>
        <source>it sent an empty answer</source>
        <translation>发送了空响应</translation>
    </message>
</context>
<context>
    <name>ks::report::LabelSheet</name>
    <message>
        <source>the directory cannot be created</source>
        <translation>无法创建该目录</translation>
    </message>
    <message>
        <source>Batch %1</source>
        <translation>批次 %1</translation>
    </message>
</context>
<context>
    <name>ks::report::LotReport</name>
    <message>
        <source>The journal holds no valid certificate for key %1; the bundle was not written.</source>
        <translation>日志库中没有密钥 %1 的有效证书；未写入证书包。</translation>
    </message>
</context>
<context>
    <name>ks::report::PdfPages</name>
    <message>
        <source>Page %1 / %2</source>
        <translation>第 %1 / %2 页</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Batch provisioning of USB PKI keys.</source>
        <translation>USB PKI 密钥批量发行。</translation>
    </message>
    <message>
        <source>settings file (INI) instead of the default</source>
        <translation>设置文件（INI），替代默认设置</translation>
    </message>
    <message>
        <source>PostgreSQL journal connection file</source>
        <translation>PostgreSQL 日志库连接文件</translation>
    </message>
    <message>
        <source>user interface language (en, zh_CN)</source>
        <translation>界面语言（en、zh_CN）</translation>
    </message>
    <message>
        <source>operator CA (PEM): offer badge key login</source>
        <translation>操作员 CA（PEM）：启用工卡密钥登录</translation>
    </message>
    <message>
        <source>provisioning profile (JSON); default $KEYSTATION_PROFILE, then the settings</source>
        <translation>签发模板（JSON）；默认 $KEYSTATION_PROFILE，其次为设置</translation>
    </message>
    <message>
        <source>PKCS#11 module of the hub; default $KEYSTATION_PKCS11_MODULE, then the settings, then OpenSC</source>
        <translation>集线器的 PKCS#11 模块；默认 $KEYSTATION_PKCS11_MODULE，其次为设置，再次为 OpenSC</translation>
    </message>
    <message>
        <source>SQLite journal file; default $KEYSTATION_JOURNAL, then the settings</source>
        <translation>SQLite 日志文件；默认 $KEYSTATION_JOURNAL，其次为设置</translation>
    </message>
    <message>
        <source>run every key's PKCS#11 work in this process, not a worker process per key</source>
        <translation>在本进程中执行所有密钥的 PKCS#11 操作，而不是为每个密钥启动一个工作进程</translation>
    </message>
    <message>
        <source>
Environment: KEYSTATION_PROFILE, KEYSTATION_PKCS11_MODULE, KEYSTATION_JOURNAL (an option wins over the environment, the environment over the settings).
</source>
        <translation>
环境变量：KEYSTATION_PROFILE、KEYSTATION_PKCS11_MODULE、KEYSTATION_JOURNAL（选项优先于环境变量，环境变量优先于设置）。
</translation>
    </message>
    <message>
        <source>demonstration/test run: honour --login-file and the KS_AUTO_PROVISION, KS_SCREENSHOT and KS_SCREENSHOT_DELAY environment variables (never on a station in production)</source>
        <translation>演示/测试运行：接受 --login-file 以及 KS_AUTO_PROVISION、KS_SCREENSHOT 和 KS_SCREENSHOT_DELAY 环境变量（切勿用于生产工作站）</translation>
    </message>
    <message>
        <source>demo only (with --demo): log in with the name and password in FILE (two lines)</source>
        <translation>仅限演示（需 --demo）：使用 FILE 中的用户名和密码登录（两行）</translation>
    </message>
    <message>
        <source>keystation: --login-file, KS_SCREENSHOT and KS_AUTO_PROVISION are demonstration switches, honoured only with --demo; ignored.</source>
        <translation>keystation：--login-file、KS_SCREENSHOT 和 KS_AUTO_PROVISION 是演示开关，仅在使用 --demo 时生效；已忽略。</translation>
    </message>
</context>
</TS>
