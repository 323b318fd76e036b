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
    <name>CrashHandler</name>
    <message>
        <location filename="../../ui/crash.py" line="29" />
        <source>Có trục trặc nhỏ. Máy sẽ quay về màn hình đầu trong giây lát.</source>
        <translation>A small problem happened. The kiosk will go back to the start screen in a moment.</translation>
    </message>
</context>
<context>
    <name>Field</name>
    <message>
        <location filename="../../ui/pages/practice_vneid_page.py" line="95" />
        <source>Ẩn</source>
        <translation>Hide</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_vneid_page.py" line="95" />
        <source>Hiện</source>
        <translation>Show</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_vneid_page.py" line="108" />
        <source>✗ </source>
        <translation>✗ </translation>
    </message>
</context>
<context>
    <name>FinishPage</name>
    <message>
        <location filename="../../ui/pages/finish_page.py" line="143" />
        <source>Bạn đã xem hết các bước</source>
        <translation>You have seen all the steps</translation>
    </message>
    <message>
        <location filename="../../ui/pages/finish_page.py" line="145" />
        <source>Giấy tờ cần chuẩn bị cho “%1”:</source>
        <translation>Papers to prepare for “%1”:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/finish_page.py" line="148" />
        <source>In danh sách giấy tờ</source>
        <translation>Print the list of papers</translation>
    </message>
    <message>
        <location filename="../../ui/pages/finish_page.py" line="151" />
        <source>Quét mã bằng điện thoại để làm tiếp trên điện thoại</source>
        <translation>Scan the code with your phone to continue on your phone</translation>
    </message>
    <message>
        <location filename="../../ui/pages/finish_page.py" line="154" />
        <source>Bạn thấy hướng dẫn này thế nào?</source>
        <translation>How did you find this guide?</translation>
    </message>
    <message>
        <location filename="../../ui/pages/finish_page.py" line="156" />
        <source>Rất khó</source>
        <translation>Very hard</translation>
    </message>
    <message>
        <location filename="../../ui/pages/finish_page.py" line="157" />
        <source>Khó</source>
        <translation>Hard</translation>
    </message>
    <message>
        <location filename="../../ui/pages/finish_page.py" line="158" />
        <source>Bình thường</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../ui/pages/finish_page.py" line="159" />
        <source>Dễ</source>
        <translation>Easy</translation>
    </message>
    <message>
        <location filename="../../ui/pages/finish_page.py" line="160" />
        <source>Rất dễ</source>
        <translation>Very easy</translation>
    </message>
    <message>
        <location filename="../../ui/pages/finish_page.py" line="164" />
        <source>‹ Quay lại</source>
        <translation>‹ Back</translation>
    </message>
    <message>
        <location filename="../../ui/pages/finish_page.py" line="165" />
        <source>Xong</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../ui/pages/finish_page.py" line="179" />
        <source>✓ Cảm ơn bạn đã cho ý kiến.</source>
        <translation>✓ Thank you for your answer.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/finish_page.py" line="195" />
        <source>Giấy tờ cần chuẩn bị</source>
        <translation>Papers to prepare</translation>
    </message>
    <message>
        <location filename="../../ui/pages/finish_page.py" line="197" />
        <source>Làm trực tuyến tại: %1</source>
        <translation>Do it online at: %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/finish_page.py" line="211" />
        <source>Chưa in được danh sách. Xin nhờ tình nguyện viên giúp.</source>
        <translation>The list could not be printed. Please ask a volunteer for help.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/finish_page.py" line="214" />
        <source>Đã gửi danh sách đến máy in. Xin lấy giấy ở máy in.</source>
        <translation>The list was sent to the printer. Please take the paper from the printer.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/finish_page.py" line="217" />
        <source>Máy này chưa nối máy in. Đã lưu danh sách thành tệp PDF để tình nguyện viên in giúp.</source>
        <translation>This kiosk has no printer. The list was saved as a PDF file so a volunteer can print it for you.</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <location filename="../../ui/pages/home_page.py" line="115" />
        <source>Hướng dẫn làm thủ tục hành chính trực tuyến</source>
        <translation>Step-by-step help with online public services</translation>
    </message>
    <message>
        <location filename="../../ui/pages/home_page.py" line="117" />
        <source>Từng bước một, chậm rãi. Có tình nguyện viên ở bên cạnh để giúp bạn.</source>
        <translation>One step at a time, slowly. A volunteer is nearby to help you.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/home_page.py" line="119" />
        <source>Bắt đầu</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../ui/pages/home_page.py" line="121" />
        <source>Chế độ trình diễn (DEMO): chưa cài đặt cho điểm hướng dẫn nào.</source>
        <translation>Demo mode: not yet set up for a help point.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/home_page.py" line="123" />
        <source>Ngôn ngữ:</source>
        <translation>Language:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/home_page.py" line="124" />
        <source>Cỡ chữ:</source>
        <translation>Text size:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/home_page.py" line="125" />
        <source>Đọc to:</source>
        <translation>Read aloud:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/home_page.py" line="127" />
        <source>Thường</source>
        <translation>Normal</translation>
    </message>
    <message>
        <location filename="../../ui/pages/home_page.py" line="128" />
        <source>Lớn</source>
        <translation>Large</translation>
    </message>
    <message>
        <location filename="../../ui/pages/home_page.py" line="129" />
        <source>Rất lớn</source>
        <translation>Very large</translation>
    </message>
    <message>
        <location filename="../../ui/pages/home_page.py" line="131" />
        <source>Bật</source>
        <translation>On</translation>
    </message>
    <message>
        <location filename="../../ui/pages/home_page.py" line="131" />
        <source>Tắt</source>
        <translation>Off</translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message>
        <location filename="../../ui/widgets/overlays.py" line="87" />
        <source>Bạn còn ở đó không?</source>
        <translation>Are you still there?</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/overlays.py" line="88" />
        <source>Tôi vẫn đang xem</source>
        <translation>I am still here</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/widgets/overlays.py" line="101" />
        <source>Nếu không ai trả lời, màn hình sẽ xóa hết và quay về đầu sau %n giây.</source>
        <translation>
            <numerusform>If nobody answers, the screen will be cleared and go back to the start in %n second.</numerusform>
            <numerusform>If nobody answers, the screen will be cleared and go back to the start in %n seconds.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <source>⌫ Xóa</source>
        <translation type="vanished">⌫ Delete</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/keypad.py" line="63" />
        <source>Xóa</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/keypad.py" line="64" />
        <source>Xóa số cuối</source>
        <translation>Delete last digit</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/keypad.py" line="63" />
        <source>Xóa hết</source>
        <translation>Clear all</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="246" />
        <source>Gọi tình nguyện viên</source>
        <translation>Call a volunteer</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="247" />
        <source>Đọc to</source>
        <translation>Read aloud</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="250" />
        <source>Nội dung cập nhật %s</source>
        <translation>Content updated %s</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="252" />
        <source>DEMO</source>
        <translation>DEMO</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="256" />
        <source>Một phần nội dung đang được sửa; tình nguyện viên đã biết.</source>
        <translation>Some content is being fixed; the volunteers know.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="305" />
        <source>Đã báo tình nguyện viên. Xin bạn chờ một chút, sẽ có người đến giúp ngay.</source>
        <translation>A volunteer has been told. Please wait a moment, someone will come to help.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="310" />
        <source>Hiện không có tình nguyện viên ở đây.</source>
        <translation>No volunteer is here right now.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="316" />
        <source>hôm nay lúc %s</source>
        <translation>today at %s</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="318" />
        <source>Bây giờ không có tình nguyện viên ở đây. Lần tới có người giúp: %s. Bạn vẫn có thể tiếp tục xem hướng dẫn.</source>
        <translation>No volunteer is here right now. Next time someone can help: %s. You can keep reading the guide.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="321" />
        <source>Đã hiểu</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <location filename="../../ui/pages/overview_page.py" line="119" />
        <source>Tên chính thức: %s</source>
        <translation>Official name: %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview_page.py" line="123" />
        <source>Ai làm được?</source>
        <translation>Who can apply?</translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview_page.py" line="124" />
        <source>Cần chuẩn bị (bấm để đánh dấu)</source>
        <translation>What to prepare (tap to tick)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview_page.py" line="125" />
        <source>Lệ phí</source>
        <translation>Fee</translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview_page.py" line="126" />
        <source>Thời gian giải quyết</source>
        <translation>Processing time</translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview_page.py" line="127" />
        <source>Làm ở đâu?</source>
        <translation>Where to do it?</translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview_page.py" line="128" />
        <source>Tài khoản cần có</source>
        <translation>Account needed</translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview_page.py" line="129" />
        <source>Nhận kết quả</source>
        <translation>Getting the result</translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview_page.py" line="138" />
        <source>‹ Quay lại</source>
        <translation>‹ Back</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/overview_page.py" line="139" />
        <source>Xem các bước (%n bước) ›</source>
        <translation>
            <numerusform>See the steps (%n step) ›</numerusform>
            <numerusform>See the steps (%n steps) ›</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview_page.py" line="142" />
        <source>Phần này chưa có bản dịch, đang hiển thị tiếng Việt.</source>
        <translation>This part is not translated yet; it is shown in Vietnamese.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview_page.py" line="149" />
        <source>Cơ quan giải quyết:</source>
        <translation>Handled by:</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <location filename="../../ui/widgets/pin_pad.py" line="144" />
        <source>Dành cho tình nguyện viên</source>
        <translation>For volunteers</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pin_pad.py" line="145" />
        <source>Nhập mã PIN rồi bấm “Mở”.</source>
        <translation>Enter the PIN, then press “Open”.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pin_pad.py" line="146" />
        <source>⌫ Xóa</source>
        <translation>⌫ Delete</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pin_pad.py" line="147" />
        <source>Xóa số cuối</source>
        <translation>Delete last digit</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pin_pad.py" line="148" />
        <location filename="../../ui/widgets/pin_pad.py" line="248" />
        <source>Mở</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pin_pad.py" line="149" />
        <source>Hủy, quay lại màn hình chính</source>
        <translation>Cancel, back to the main screen</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pin_pad.py" line="215" />
        <source>Đang kiểm tra…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pin_pad.py" line="219" />
        <source>Mã PIN chưa đúng. Vui lòng nhập lại.</source>
        <translation>That PIN is not right. Please enter it again.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pin_pad.py" line="223" />
        <source>Máy đang bận, chưa kiểm tra được mã PIN. Vui lòng nhập lại.</source>
        <translation>The kiosk is busy and could not check the PIN. Please enter it again.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pin_pad.py" line="228" />
        <source>Máy này chưa được đặt mã PIN. Vui lòng báo cán bộ CNTT của phường.</source>
        <translation>No PIN is set on this kiosk. Please tell the ward's IT staff.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pin_pad.py" line="261" />
        <source>Bạn có thể nhập lại mã PIN.</source>
        <translation>You can enter the PIN again.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pin_pad.py" line="268" />
        <source>%1 phút</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pin_pad.py" line="268" />
        <source>%1 giây</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pin_pad.py" line="271" />
        <source>Sai mã PIN nhiều lần. Vui lòng thử lại sau %1 phút.</source>
        <translation>Too many wrong PINs. Please try again in %1 minutes.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pin_pad.py" line="273" />
        <source>Sai mã PIN nhiều lần. Vui lòng thử lại sau %1 giây.</source>
        <translation>Too many wrong PINs. Please try again in %1 seconds.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pin_pad.py" line="284" />
        <source>Đã nhập %1 số</source>
        <translation>%1 digits entered</translation>
    </message>
</context>
<context>
    <name>PracticeBand</name>
    <message>
        <location filename="../../ui/pages/practice_cccd_page.py" line="60" />
        <source>THỰC HÀNH — không lưu lại gì</source>
        <translation>PRACTICE — nothing is saved</translation>
    </message>
</context>
<context>
    <name>PracticeCccdPage</name>
    <message>
        <location filename="../../ui/pages/practice_cccd_page.py" line="198" />
        <source>Đã nhập %1/12 số</source>
        <translation>%1 of 12 digits entered</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_cccd_page.py" line="209" />
        <source>✗ Chưa đúng.</source>
        <translation>✗ Not right yet.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_cccd_page.py" line="214" />
        <source>✓ Số này đúng dạng số định danh.</source>
        <translation>✓ This number has the form of a personal ID number.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_cccd_page.py" line="228" />
        <source>Thực hành: số định danh cá nhân</source>
        <translation>Practice: the personal ID number</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_cccd_page.py" line="231" />
        <source>Số định danh cá nhân có 12 chữ số, in trên thẻ căn cước. Hãy bấm các số trên bàn phím bên phải, rồi bấm “Kiểm tra” để xem mỗi phần có nghĩa là gì.</source>
        <translation>The personal ID number has 12 digits and is printed on the ID card. Press the digits on the pad on the right, then press “Check” to see what each part means.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_cccd_page.py" line="236" />
        <source>mã tỉnh nơi đăng ký khai sinh</source>
        <translation>code of the province where the birth was registered</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_cccd_page.py" line="237" />
        <source>giới tính và thế kỷ sinh</source>
        <translation>sex and century of birth</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_cccd_page.py" line="238" />
        <source>năm sinh</source>
        <translation>year of birth</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_cccd_page.py" line="239" />
        <source>số ngẫu nhiên</source>
        <translation>random number</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_cccd_page.py" line="243" />
        <source>Kiểm tra</source>
        <translation>Check</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_cccd_page.py" line="244" />
        <source>‹ Quay lại bước</source>
        <translation>‹ Back to the step</translation>
    </message>
</context>
<context>
    <name>PracticeVneidPage</name>
    <message>
        <location filename="../../ui/pages/practice_vneid_page.py" line="289" />
        <source>Mã này khác mã trong tin nhắn thử ở trên. Hãy nhìn lại tin nhắn và nhập đúng 6 số.</source>
        <translation>This code is not the one in the practice message above. Look at the message again and enter its 6 digits.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_vneid_page.py" line="301" />
        <source>đã đạt</source>
        <translation>done</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_vneid_page.py" line="301" />
        <source>chưa đạt</source>
        <translation>not yet</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_vneid_page.py" line="312" />
        <source>Mật khẩu chưa đủ điều kiện. Hãy xem những dòng có dấu ✗ bên phải.</source>
        <translation>The password does not meet the rules yet. Look at the lines marked ✗ on the right.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_vneid_page.py" line="351" />
        <source>Phần %1/%2</source>
        <translation>Part %1/%2</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_vneid_page.py" line="354" />
        <source>Nhập số định danh và số điện thoại</source>
        <translation>Enter your ID number and phone number</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_vneid_page.py" line="355" />
        <source>Nhập mã OTP trong tin nhắn</source>
        <translation>Enter the OTP code from the message</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_vneid_page.py" line="356" />
        <source>Đặt mật khẩu và mã bảo vệ</source>
        <translation>Set a password and a passcode</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_vneid_page.py" line="357" />
        <source>Bạn đã thực hành xong</source>
        <translation>You have finished the practice</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_vneid_page.py" line="366" />
        <source>Trên máy tính, vào trang vneid.gov.vn và bấm “Kích hoạt tài khoản”. Trang sẽ hỏi hai thứ dưới đây. Ở đây bạn tập trước, không có gì được gửi đi.</source>
        <translation>On a computer, go to vneid.gov.vn and press “Kích hoạt tài khoản” (Activate account). The site asks for the two things below. Here you practise first; nothing is sent.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_vneid_page.py" line="371" />
        <source>Số định danh cá nhân</source>
        <translation>Personal ID number</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_vneid_page.py" line="372" />
        <source>12 chữ số in trên thẻ căn cước của bạn.</source>
        <translation>The 12 digits printed on your ID card.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_vneid_page.py" line="375" />
        <source>Số điện thoại</source>
        <translation>Phone number</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_vneid_page.py" line="376" />
        <source>Số di động 10 số bạn đang dùng; mã OTP sẽ được gửi đến số này.</source>
        <translation>The 10-digit mobile number you use; the OTP code is sent to it.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_vneid_page.py" line="378" />
        <source>Gửi yêu cầu</source>
        <translation>Send request</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_vneid_page.py" line="381" />
        <source>Tin nhắn thử: mã OTP của bạn là 482915 — đây chỉ là mã giả để thực hành. Không bao giờ đưa mã OTP thật cho ai.</source>
        <translation>Practice message: your OTP code is 482915 — a pretend code for practice. Never give a real OTP code to anyone.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_vneid_page.py" line="386" />
        <source>Mã OTP</source>
        <translation>OTP code</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_vneid_page.py" line="387" />
        <source>Nhập 6 số trong tin nhắn. Khi làm thật, mã chỉ dùng được vài phút.</source>
        <translation>Enter the 6 digits from the message. For real, the code works for only a few minutes.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_vneid_page.py" line="389" />
        <source>Xác nhận</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_vneid_page.py" line="391" />
        <source>Mật khẩu</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_vneid_page.py" line="392" />
        <source>Dùng để đăng nhập VNeID. Không nói cho ai.</source>
        <translation>Used to log in to VNeID. Tell no one.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_vneid_page.py" line="395" />
        <source>Mã bảo vệ (6 số)</source>
        <translation>Passcode (6 digits)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_vneid_page.py" line="396" />
        <source>6 chữ số để mở ứng dụng VNeID; đừng dùng ngày sinh.</source>
        <translation>6 digits to open the VNeID app; do not use your birthday.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_vneid_page.py" line="398" />
        <source>Hoàn thành</source>
        <translation>Finish</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_vneid_page.py" line="399" />
        <source>Mật khẩu cần có</source>
        <translation>The password needs</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_vneid_page.py" line="401" />
        <source>✓ Chúc mừng! Bạn đã tập xong các bước kích hoạt tài khoản VNeID.</source>
        <translation>✓ Well done! You have practised every step of activating a VNeID account.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_vneid_page.py" line="405" />
        <source>Khi làm thật: vào trang vneid.gov.vn trên máy tính, hoặc mở ứng dụng VNeID trên điện thoại, chọn “Kích hoạt tài khoản”, nhập số định danh và số điện thoại của bạn, rồi nhập mã OTP thật được gửi đến điện thoại. Không đưa mã OTP, mật khẩu hay mã bảo vệ cho bất kỳ ai, kể cả người xưng là công an.</source>
        <translation>For real: go to vneid.gov.vn on a computer, or open the VNeID app on a phone, choose “Kích hoạt tài khoản”, enter your ID number and phone number, then the real OTP code sent to your phone. Never give the OTP code, password or passcode to anyone, even someone who says they are the police.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_vneid_page.py" line="411" />
        <source>Thực hành lại</source>
        <translation>Practise again</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_vneid_page.py" line="412" />
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
    <name>RefusedNotice</name>
    <message>
        <location filename="../../ui/refused_notice.py" line="47" />
        <source>⚠ %1 bản ghi bị máy chủ từ chối — báo cho IT</source>
        <translation>⚠ %1 records refused by the server — tell IT</translation>
    </message>
    <message>
        <location filename="../../ui/refused_notice.py" line="53" />
        <source>Mã máy trong cấu hình không khớp với máy chủ quận. Các bản ghi vẫn được giữ trên máy: cán bộ CNTT chạy lại lệnh dvc-kiosk provision, rồi máy sẽ tự gửi lại.</source>
        <translation>The kiosk id in the config does not match the district server. The records are kept on this PC: IT runs dvc-kiosk provision again, then the kiosk sends them again by itself.</translation>
    </message>
    <message>
        <location filename="../../ui/refused_notice.py" line="61" />
        <source>Các bản ghi vẫn được giữ trên máy. Cán bộ CNTT xem lý do bằng lệnh dvc-kiosk status.</source>
        <translation>The records are kept on this PC. IT can see why with dvc-kiosk status.</translation>
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
        <location filename="../../ui/volunteer_panel.py" line="307" />
        <source>Bảng của tình nguyện viên</source>
        <translation>Volunteer panel</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="308" />
        <source>Hôm nay tại máy này</source>
        <translation>Today at this kiosk</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="309" />
        <source>Lượt vừa xong</source>
        <translation>Last session</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="310" />
        <source>Mã tình nguyện viên:</source>
        <translation>Volunteer code:</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="312" />
        <source>Bàn phím số</source>
        <translation>Number pad</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="316" />
        <source>Gửi dữ liệu về quận</source>
        <translation>Sending data to the district</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="317" />
        <source>Nội dung thủ tục</source>
        <translation>Procedure content</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="318" />
        <source>Đặt lại phiên</source>
        <translation>Reset session</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="319" />
        <source>Thoát chế độ kiosk</source>
        <translation>Leave kiosk mode</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="320" />
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="321" />
        <source>Nhập số của mã tình nguyện viên</source>
        <translation>Enter the number of the volunteer code</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="322" />
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="323" />
        <source>Dùng mã này</source>
        <translation>Use this code</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="324" />
        <source>Thoát chế độ kiosk?</source>
        <translation>Leave kiosk mode?</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="327" />
        <source>Chương trình sẽ đóng lại và người dân không dùng được máy này cho đến khi mở lại. Chỉ thoát khi cán bộ CNTT cần làm việc trên máy.</source>
        <translation>The program will close and residents cannot use this kiosk until it is started again. Only leave when IT staff need to work on the machine.</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="331" />
        <source>Không, ở lại</source>
        <translation>No, stay</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="332" />
        <source>Có, thoát</source>
        <translation>Yes, leave</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="337" />
        <source>Đã kích hoạt VNeID</source>
        <translation>VNeID activated</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="338" />
        <source>Đã nộp hồ sơ thật</source>
        <translation>Real dossier submitted</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="339" />
        <source>Cần quay lại</source>
        <translation>Needs to come back</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="340" />
        <source>Chỉ tìm hiểu</source>
        <translation>Only learning</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="456" />
        <source>Không mở được nhật ký nên các lượt hôm nay không được ghi lại. Vui lòng báo cán bộ CNTT:</source>
        <translation>The journal could not be opened, so today's sessions are not being recorded. Please tell IT staff:</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="471" />
        <source>Chưa có lượt nào hôm nay.</source>
        <translation>No sessions today yet.</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="473" />
        <source>%1 lượt: %2 làm đến cuối, %3 bỏ dở (%4 hết giờ chờ, %5 được đặt lại).</source>
        <translation>%1 sessions: %2 finished, %3 abandoned (%4 timed out, %5 reset).</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="480" />
        <source>Gọi tình nguyện viên: %1 lần.</source>
        <translation>Volunteer called: %1 times.</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="486" />
        <source>Chưa chọn thủ tục</source>
        <translation>No procedure chosen</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="500" />
        <source>• và %1 thủ tục khác</source>
        <translation>• and %1 other procedures</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="506" />
        <source>làm đến cuối</source>
        <translation>finished</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="507" />
        <source>bỏ dở, hết giờ chờ</source>
        <translation>abandoned, timed out</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="508" />
        <source>được đặt lại</source>
        <translation>reset</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="515" />
        <source>Chưa có lượt nào trên máy này.</source>
        <translation>No sessions on this kiosk yet.</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="517" />
        <source>Kết thúc lúc %1</source>
        <translation>Ended at %1</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="522" />
        <source>tới bước %1/%2</source>
        <translation>reached step %1/%2</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="528" />
        <source>gọi trợ giúp %1 lần</source>
        <translation>called for help %1 times</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="530" />
        <source>đánh giá %1/5</source>
        <translation>rated %1/5</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="538" />
        <source>Chưa ghi kết quả. Bấm một nút dưới đây:</source>
        <translation>No outcome recorded yet. Press one of the buttons below:</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="543" />
        <source>Kết quả đã ghi: %1. Bấm nút khác để sửa.</source>
        <translation>Outcome saved: %1. Press another button to change it.</translation>
    </message>
    <message>
        <source>không kết nối được máy chủ của quận</source>
        <translation type="vanished">cannot reach the district server</translation>
    </message>
    <message>
        <source>máy chủ không nhận mã của máy này, cần báo CNTT</source>
        <translation type="vanished">the server does not accept this kiosk's token, tell IT</translation>
    </message>
    <message>
        <source>lỗi chứng chỉ bảo mật, cần báo CNTT</source>
        <translation type="vanished">security certificate problem, tell IT</translation>
    </message>
    <message>
        <source>máy chủ của quận đang gặp sự cố</source>
        <translation type="vanished">the district server has a problem</translation>
    </message>
    <message>
        <source>gói nội dung mới không hợp lệ, máy vẫn dùng bản cũ</source>
        <translation type="vanished">the new content package is not valid; the kiosk keeps the old one</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="549" />
        <source>lỗi khác</source>
        <translation>other error</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="554" />
        <source>Chưa gửi: %1 bản ghi.</source>
        <translation>Not sent yet: %1 records.</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="556" />
        <source>Máy này chưa được cài đặt để gửi qua mạng; có thể xuất ra USB.</source>
        <translation>This kiosk is not set up to send over the network; records can be exported to USB.</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="559" />
        <source>Gửi được lần cuối: %1.</source>
        <translation>Last sent: %1.</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="562" />
        <source>Chưa gửi được lần nào.</source>
        <translation>Nothing has been sent yet.</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="565" />
        <source>Lỗi gần nhất (%1): %2.</source>
        <translation>Last error (%1): %2.</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="570" />
        <source>Máy sẽ tự thử lại; dữ liệu vẫn được giữ an toàn.</source>
        <translation>The kiosk will try again by itself; the data is kept safe.</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="573" />
        <source>Máy chủ từ chối %1 bản ghi (giữ lại cho CNTT xem).</source>
        <translation>The server refused %1 records (kept for IT to look at).</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="583" />
        <source>Phiên bản %1, cập nhật ngày %2.</source>
        <translation>Version %1, updated %2.</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="592" />
        <source>Không có lỗi nội dung.</source>
        <translation>No content problems.</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="593" />
        <source>Lỗi cần báo CNTT:</source>
        <translation>Problems to report to IT:</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="610" />
        <source>Mã tình nguyện viên có dạng TNV-07. Vui lòng sửa lại rồi bấm lần nữa.</source>
        <translation>A volunteer code looks like TNV-07. Please correct it and press again.</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="618" />
        <source>Đang ghi…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="622" />
        <source>Đã ghi kết quả.</source>
        <translation>Outcome saved.</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="624" />
        <source>Chưa ghi được kết quả. Vui lòng thử lại.</source>
        <translation>The outcome could not be saved. Please try again.</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="630" />
        <source>Đã đặt lại. Máy đã về màn hình đầu.</source>
        <translation>Reset done. The kiosk is back at the start screen.</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="652" />
        <source>Chưa đọc được dữ liệu. Vui lòng thử lại.</source>
        <translation>The data could not be read. Please try again.</translation>
    </message>
</context>
</TS>