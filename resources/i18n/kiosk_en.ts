<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>ChoosePage</name>
    <message>
        <location filename="../../ui/pages/choose_page.py" line="131" />
        <source>Bạn cần làm thủ tục gì?</source>
        <translation>What do you need to do?</translation>
    </message>
    <message>
        <location filename="../../ui/pages/choose_page.py" line="133" />
        <source>Gõ tên thủ tục, không cần dấu. Ví dụ: tam tru, khai sinh, bang lai</source>
        <translation>Type what you need. For example: temporary residence, birth, driving licence</translation>
    </message>
    <message>
        <location filename="../../ui/pages/choose_page.py" line="137" />
        <source>Xóa</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../ui/pages/choose_page.py" line="138" />
        <source>‹ Quay lại</source>
        <translation>‹ Back</translation>
    </message>
    <message>
        <location filename="../../ui/pages/choose_page.py" line="139" />
        <source>Cơ quan</source>
        <translation>Office</translation>
    </message>
    <message>
        <location filename="../../ui/pages/choose_page.py" line="140" />
        <source>Nhóm thủ tục</source>
        <translation>Groups</translation>
    </message>
    <message>
        <location filename="../../ui/pages/choose_page.py" line="142" />
        <source>Tất cả</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../ui/pages/choose_page.py" line="143" />
        <source>UBND phường</source>
        <translation>Ward People's Committee</translation>
    </message>
    <message>
        <location filename="../../ui/pages/choose_page.py" line="144" />
        <source>Công an</source>
        <translation>Police</translation>
    </message>
    <message>
        <location filename="../../ui/pages/choose_page.py" line="154" />
        <source>Kết quả tìm kiếm</source>
        <translation>Search results</translation>
    </message>
    <message>
        <location filename="../../ui/pages/choose_page.py" line="156" />
        <source>Các thủ tục</source>
        <translation>Procedures</translation>
    </message>
    <message>
        <location filename="../../ui/pages/choose_page.py" line="158" />
        <source>Thủ tục nhiều người làm nhất</source>
        <translation>Most used procedures</translation>
    </message>
    <message>
        <location filename="../../ui/pages/choose_page.py" line="165" />
        <source>Chưa tìm thấy thủ tục nào với từ này. Bạn thử gõ từ khác, chọn một nhóm bên trái, hoặc bấm "Gọi tình nguyện viên".</source>
        <translation>No procedure found for these words. Try other words, pick a group on the left, or press "Call a volunteer".</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <location filename="../../ui/pages/home_page.py" line="101" />
        <source>Hướng dẫn làm thủ tục hành chính trực tuyến</source>
        <translation>Step-by-step help with online public services</translation>
    </message>
    <message>
        <location filename="../../ui/pages/home_page.py" line="103" />
        <source>Từng bước một, chậm rãi. Có tình nguyện viên ở bên cạnh để giúp bạn.</source>
        <translation>One step at a time, slowly. A volunteer is nearby to help you.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/home_page.py" line="105" />
        <source>Bắt đầu</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../ui/pages/home_page.py" line="107" />
        <source>Chế độ trình diễn (DEMO): chưa cài đặt cho điểm hướng dẫn nào.</source>
        <translation>Demo mode: not yet set up for a help point.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/home_page.py" line="109" />
        <source>Ngôn ngữ:</source>
        <translation>Language:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/home_page.py" line="110" />
        <source>Cỡ chữ:</source>
        <translation>Text size:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/home_page.py" line="111" />
        <source>Đọc to:</source>
        <translation>Read aloud:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/home_page.py" line="113" />
        <source>Thường</source>
        <translation>Normal</translation>
    </message>
    <message>
        <location filename="../../ui/pages/home_page.py" line="114" />
        <source>Lớn</source>
        <translation>Large</translation>
    </message>
    <message>
        <location filename="../../ui/pages/home_page.py" line="115" />
        <source>Rất lớn</source>
        <translation>Very large</translation>
    </message>
    <message>
        <location filename="../../ui/pages/home_page.py" line="117" />
        <source>Bật</source>
        <translation>On</translation>
    </message>
    <message>
        <location filename="../../ui/pages/home_page.py" line="117" />
        <source>Tắt</source>
        <translation>Off</translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message>
        <location filename="../../ui/widgets/overlays.py" line="80" />
        <source>Bạn còn ở đó không?</source>
        <translation>Are you still there?</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/overlays.py" line="81" />
        <source>Tôi vẫn đang xem</source>
        <translation>I am still here</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/widgets/overlays.py" line="94" />
        <source>Nếu không ai trả lời, màn hình sẽ xóa hết và quay về đầu sau %n giây.</source>
        <translation><numerusform>If nobody answers, the screen will be cleared and go back to the start in %n second.</numerusform><numerusform>If nobody answers, the screen will be cleared and go back to the start in %n seconds.</numerusform></translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <location filename="../../ui/widgets/keypad.py" line="54" />
        <source>⌫ Xóa</source>
        <translation>⌫ Delete</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/keypad.py" line="55" />
        <source>Xóa số cuối</source>
        <translation>Delete last digit</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/keypad.py" line="56" />
        <source>Xóa hết</source>
        <translation>Clear all</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="185" />
        <source>Gọi tình nguyện viên</source>
        <translation>Call a volunteer</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="186" />
        <source>Đọc to</source>
        <translation>Read aloud</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="189" />
        <source>Nội dung cập nhật %s</source>
        <translation>Content updated %s</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="191" />
        <source>DEMO</source>
        <translation>DEMO</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="195" />
        <source>Một phần nội dung đang được sửa; tình nguyện viên đã biết.</source>
        <translation>Some content is being fixed; the volunteers know.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="244" />
        <source>Đã báo tình nguyện viên. Xin bạn chờ một chút, sẽ có người đến giúp ngay.</source>
        <translation>A volunteer has been told. Please wait a moment, someone will come to help.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="249" />
        <source>Hiện không có tình nguyện viên ở đây.</source>
        <translation>No volunteer is here right now.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="255" />
        <source>hôm nay lúc %s</source>
        <translation>today at %s</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="257" />
        <source>Bây giờ không có tình nguyện viên ở đây. Lần tới có người giúp: %s. Bạn vẫn có thể tiếp tục xem hướng dẫn.</source>
        <translation>No volunteer is here right now. Next time someone can help: %s. You can keep reading the guide.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="260" />
        <source>Đã hiểu</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <location filename="../../ui/pages/overview_page.py" line="102" />
        <source>Tên chính thức: %s</source>
        <translation>Official name: %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview_page.py" line="105" />
        <source>Ai làm được?</source>
        <translation>Who can apply?</translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview_page.py" line="106" />
        <source>Cần chuẩn bị (bấm để đánh dấu)</source>
        <translation>What to prepare (tap to tick)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview_page.py" line="107" />
        <source>Lệ phí</source>
        <translation>Fee</translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview_page.py" line="108" />
        <source>Thời gian giải quyết</source>
        <translation>Processing time</translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview_page.py" line="109" />
        <source>Làm ở đâu?</source>
        <translation>Where to do it?</translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview_page.py" line="110" />
        <source>Tài khoản cần có</source>
        <translation>Account needed</translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview_page.py" line="111" />
        <source>Nhận kết quả</source>
        <translation>Getting the result</translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview_page.py" line="120" />
        <source>‹ Quay lại</source>
        <translation>‹ Back</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/overview_page.py" line="121" />
        <source>Xem các bước (%n bước) ›</source>
        <translation><numerusform>See the steps (%n step) ›</numerusform><numerusform>See the steps (%n steps) ›</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview_page.py" line="124" />
        <source>Phần này chưa có bản dịch, đang hiển thị tiếng Việt.</source>
        <translation>This part is not translated yet; it is shown in Vietnamese.</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <location filename="../../ui/widgets/pin_pad.py" line="111" />
        <source>Dành cho tình nguyện viên</source>
        <translation>For volunteers</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pin_pad.py" line="112" />
        <source>Nhập mã PIN rồi bấm “Mở”.</source>
        <translation>Enter the PIN, then press “Open”.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pin_pad.py" line="113" />
        <source>⌫ Xóa</source>
        <translation>⌫ Delete</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pin_pad.py" line="114" />
        <source>Xóa số cuối</source>
        <translation>Delete last digit</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pin_pad.py" line="115" />
        <source>Mở</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pin_pad.py" line="116" />
        <source>Hủy, quay lại màn hình chính</source>
        <translation>Cancel, back to the main screen</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pin_pad.py" line="178" />
        <source>Đang kiểm tra…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pin_pad.py" line="182" />
        <source>Mã PIN chưa đúng. Vui lòng nhập lại.</source>
        <translation>That PIN is not right. Please enter it again.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pin_pad.py" line="187" />
        <source>Máy này chưa được đặt mã PIN. Vui lòng báo cán bộ CNTT của phường.</source>
        <translation>No PIN is set on this kiosk. Please tell the ward's IT staff.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pin_pad.py" line="211" />
        <source>Bạn có thể nhập lại mã PIN.</source>
        <translation>You can enter the PIN again.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pin_pad.py" line="218" />
        <source>Sai mã PIN nhiều lần. Vui lòng thử lại sau %1 phút.</source>
        <translation>Too many wrong PINs. Please try again in %1 minutes.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pin_pad.py" line="220" />
        <source>Sai mã PIN nhiều lần. Vui lòng thử lại sau %1 giây.</source>
        <translation>Too many wrong PINs. Please try again in %1 seconds.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pin_pad.py" line="231" />
        <source>Đã nhập %1 số</source>
        <translation>%1 digits entered</translation>
    </message>
</context>
<context>
    <name>PracticeBand</name>
    <message>
        <location filename="../../ui/pages/practice_cccd_page.py" line="57" />
        <source>THỰC HÀNH — không lưu lại gì</source>
        <translation>PRACTICE — nothing is saved</translation>
    </message>
</context>
<context>
    <name>PracticeCccdPage</name>
    <message>
        <location filename="../../ui/pages/practice_cccd_page.py" line="183" />
        <source>Đã nhập %1/12 số</source>
        <translation>%1 of 12 digits entered</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_cccd_page.py" line="194" />
        <source>✗ Chưa đúng.</source>
        <translation>✗ Not right yet.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_cccd_page.py" line="199" />
        <source>✓ Số này đúng dạng số định danh.</source>
        <translation>✓ This number has the form of a personal ID number.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_cccd_page.py" line="207" />
        <source>Thực hành: số định danh cá nhân</source>
        <translation>Practice: the personal ID number</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_cccd_page.py" line="210" />
        <source>Số định danh cá nhân có 12 chữ số, in trên thẻ căn cước. Hãy bấm các số trên bàn phím bên phải, rồi bấm “Kiểm tra” để xem mỗi phần có nghĩa là gì.</source>
        <translation>The personal ID number has 12 digits and is printed on the ID card. Press the digits on the pad on the right, then press “Check” to see what each part means.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_cccd_page.py" line="215" />
        <source>mã tỉnh nơi đăng ký khai sinh</source>
        <translation>code of the province where the birth was registered</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_cccd_page.py" line="216" />
        <source>giới tính và thế kỷ sinh</source>
        <translation>sex and century of birth</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_cccd_page.py" line="217" />
        <source>năm sinh</source>
        <translation>year of birth</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_cccd_page.py" line="218" />
        <source>số ngẫu nhiên</source>
        <translation>random number</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_cccd_page.py" line="222" />
        <source>Kiểm tra</source>
        <translation>Check</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_cccd_page.py" line="223" />
        <source>‹ Quay lại bước</source>
        <translation>‹ Back to the step</translation>
    </message>
</context>
<context>
    <name>ProblemPage</name>
    <message>
        <location filename="../../ui/pages/problem_page.py" line="32" />
        <source>Thoát (dành cho kỹ thuật viên)</source>
        <translation>Quit (for IT staff)</translation>
    </message>
</context>
<context>
    <name>StepPage</name>
    <message>
        <location filename="../../ui/pages/step_page.py" line="67" />
        <source>Bước %1/%2</source>
        <translation>Step %1/%2</translation>
    </message>
    <message>
        <location filename="../../ui/pages/step_page.py" line="73" />
        <source>Mẹo: </source>
        <translation>Tip: </translation>
    </message>
    <message>
        <location filename="../../ui/pages/step_page.py" line="76" />
        <source>Hay nhầm: </source>
        <translation>Common mistake: </translation>
    </message>
    <message>
        <location filename="../../ui/pages/step_page.py" line="78" />
        <source>Hình minh họa đang được cập nhật.</source>
        <translation>The picture is being updated.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/step_page.py" line="81" />
        <source>Thực hành: nhập số định danh 12 số</source>
        <translation>Practice: enter the 12-digit ID number</translation>
    </message>
    <message>
        <location filename="../../ui/pages/step_page.py" line="83" />
        <source>Thực hành: kích hoạt tài khoản VNeID</source>
        <translation>Practice: activate a VNeID account</translation>
    </message>
    <message>
        <location filename="../../ui/pages/step_page.py" line="84" />
        <source>‹ Quay lại</source>
        <translation>‹ Back</translation>
    </message>
    <message>
        <location filename="../../ui/pages/step_page.py" line="86" />
        <source>Hoàn tất ›</source>
        <translation>Finish ›</translation>
    </message>
    <message>
        <location filename="../../ui/pages/step_page.py" line="86" />
        <source>Tiếp tục ›</source>
        <translation>Continue ›</translation>
    </message>
</context>
<context>
    <name>VolunteerPanel</name>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="272" />
        <source>Bảng của tình nguyện viên</source>
        <translation>Volunteer panel</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="273" />
        <source>Hôm nay tại máy này</source>
        <translation>Today at this kiosk</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="274" />
        <source>Lượt vừa xong</source>
        <translation>Last session</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="275" />
        <source>Mã tình nguyện viên:</source>
        <translation>Volunteer code:</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="277" />
        <source>Bàn phím số</source>
        <translation>Number pad</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="281" />
        <source>Gửi dữ liệu về quận</source>
        <translation>Sending data to the district</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="282" />
        <source>Nội dung thủ tục</source>
        <translation>Procedure content</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="283" />
        <source>Đặt lại phiên</source>
        <translation>Reset session</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="284" />
        <source>Thoát chế độ kiosk</source>
        <translation>Leave kiosk mode</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="285" />
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="286" />
        <source>Nhập số của mã tình nguyện viên</source>
        <translation>Enter the number of the volunteer code</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="287" />
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="288" />
        <source>Dùng mã này</source>
        <translation>Use this code</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="289" />
        <source>Thoát chế độ kiosk?</source>
        <translation>Leave kiosk mode?</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="292" />
        <source>Chương trình sẽ đóng lại và người dân không dùng được máy này cho đến khi mở lại. Chỉ thoát khi cán bộ CNTT cần làm việc trên máy.</source>
        <translation>The program will close and residents cannot use this kiosk until it is started again. Only leave when IT staff need to work on the machine.</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="296" />
        <source>Không, ở lại</source>
        <translation>No, stay</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="297" />
        <source>Có, thoát</source>
        <translation>Yes, leave</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="302" />
        <source>Đã kích hoạt VNeID</source>
        <translation>VNeID activated</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="303" />
        <source>Đã nộp hồ sơ thật</source>
        <translation>Real dossier submitted</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="304" />
        <source>Cần quay lại</source>
        <translation>Needs to come back</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="305" />
        <source>Chỉ tìm hiểu</source>
        <translation>Only learning</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="384" />
        <source>Chưa có lượt nào hôm nay.</source>
        <translation>No sessions today yet.</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="386" />
        <source>%1 lượt: %2 làm đến cuối, %3 bỏ dở (%4 hết giờ chờ, %5 được đặt lại).</source>
        <translation>%1 sessions: %2 finished, %3 abandoned (%4 timed out, %5 reset).</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="393" />
        <source>Gọi tình nguyện viên: %1 lần.</source>
        <translation>Volunteer called: %1 times.</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="399" />
        <source>Chưa chọn thủ tục</source>
        <translation>No procedure chosen</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="413" />
        <source>• và %1 thủ tục khác</source>
        <translation>• and %1 other procedures</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="419" />
        <source>làm đến cuối</source>
        <translation>finished</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="420" />
        <source>bỏ dở, hết giờ chờ</source>
        <translation>abandoned, timed out</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="421" />
        <source>được đặt lại</source>
        <translation>reset</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="428" />
        <source>Chưa có lượt nào trên máy này.</source>
        <translation>No sessions on this kiosk yet.</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="430" />
        <source>Kết thúc lúc %1</source>
        <translation>Ended at %1</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="435" />
        <source>tới bước %1/%2</source>
        <translation>reached step %1/%2</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="441" />
        <source>gọi trợ giúp %1 lần</source>
        <translation>called for help %1 times</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="443" />
        <source>đánh giá %1/5</source>
        <translation>rated %1/5</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="451" />
        <source>Chưa ghi kết quả. Bấm một nút dưới đây:</source>
        <translation>No outcome recorded yet. Press one of the buttons below:</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="456" />
        <source>Kết quả đã ghi: %1. Bấm nút khác để sửa.</source>
        <translation>Outcome saved: %1. Press another button to change it.</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="462" />
        <source>không kết nối được máy chủ của quận</source>
        <translation>cannot reach the district server</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="464" />
        <source>máy chủ không nhận mã của máy này, cần báo CNTT</source>
        <translation>the server does not accept this kiosk's token, tell IT</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="466" />
        <source>lỗi chứng chỉ bảo mật, cần báo CNTT</source>
        <translation>security certificate problem, tell IT</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="468" />
        <source>máy chủ của quận đang gặp sự cố</source>
        <translation>the district server has a problem</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="470" />
        <source>gói nội dung mới không hợp lệ, máy vẫn dùng bản cũ</source>
        <translation>the new content package is not valid; the kiosk keeps the old one</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="472" />
        <source>lỗi khác</source>
        <translation>other error</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="477" />
        <source>Chưa gửi: %1 bản ghi.</source>
        <translation>Not sent yet: %1 records.</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="479" />
        <source>Máy này chưa được cài đặt để gửi qua mạng; có thể xuất ra USB.</source>
        <translation>This kiosk is not set up to send over the network; records can be exported to USB.</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="482" />
        <source>Gửi được lần cuối: %1.</source>
        <translation>Last sent: %1.</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="485" />
        <source>Chưa gửi được lần nào.</source>
        <translation>Nothing has been sent yet.</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="488" />
        <source>Lỗi gần nhất (%1): %2.</source>
        <translation>Last error (%1): %2.</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="493" />
        <source>Máy sẽ tự thử lại; dữ liệu vẫn được giữ an toàn.</source>
        <translation>The kiosk will try again by itself; the data is kept safe.</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="496" />
        <source>Máy chủ từ chối %1 bản ghi (giữ lại cho CNTT xem).</source>
        <translation>The server refused %1 records (kept for IT to look at).</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="506" />
        <source>Phiên bản %1, cập nhật ngày %2.</source>
        <translation>Version %1, updated %2.</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="515" />
        <source>Không có lỗi nội dung.</source>
        <translation>No content problems.</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="516" />
        <source>Lỗi cần báo CNTT:</source>
        <translation>Problems to report to IT:</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="533" />
        <source>Mã tình nguyện viên có dạng TNV-07. Vui lòng sửa lại rồi bấm lần nữa.</source>
        <translation>A volunteer code looks like TNV-07. Please correct it and press again.</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="541" />
        <source>Đang ghi…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="545" />
        <source>Đã ghi kết quả.</source>
        <translation>Outcome saved.</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="547" />
        <source>Chưa ghi được kết quả. Vui lòng thử lại.</source>
        <translation>The outcome could not be saved. Please try again.</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="553" />
        <source>Đã đặt lại. Máy đã về màn hình đầu.</source>
        <translation>Reset done. The kiosk is back at the start screen.</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="574" />
        <source>Chưa đọc được dữ liệu. Vui lòng thử lại.</source>
        <translation>The data could not be read. Please try again.</translation>
    </message>
</context>
</TS>