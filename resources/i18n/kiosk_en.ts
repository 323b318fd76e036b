<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ChoosePage</name>
    <message>
        <location filename="../../ui/pages/choose_page.py" line="128"/>
        <source>Bạn cần làm thủ tục gì?</source>
        <translation>What do you need to do?</translation>
    </message>
    <message>
        <location filename="../../ui/pages/choose_page.py" line="130"/>
        <source>Gõ tên thủ tục, không cần dấu. Ví dụ: tam tru, khai sinh, bang lai</source>
        <translation>Type what you need. For example: temporary residence, birth, driving licence</translation>
    </message>
    <message>
        <location filename="../../ui/pages/choose_page.py" line="134"/>
        <source>Xóa</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../ui/pages/choose_page.py" line="135"/>
        <source>‹ Quay lại</source>
        <translation>‹ Back</translation>
    </message>
    <message>
        <location filename="../../ui/pages/choose_page.py" line="136"/>
        <source>Cơ quan</source>
        <translation>Office</translation>
    </message>
    <message>
        <location filename="../../ui/pages/choose_page.py" line="137"/>
        <source>Nhóm thủ tục</source>
        <translation>Groups</translation>
    </message>
    <message>
        <location filename="../../ui/pages/choose_page.py" line="139"/>
        <source>Tất cả</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../ui/pages/choose_page.py" line="140"/>
        <source>UBND phường</source>
        <translation>Ward People&apos;s Committee</translation>
    </message>
    <message>
        <location filename="../../ui/pages/choose_page.py" line="141"/>
        <source>Công an</source>
        <translation>Police</translation>
    </message>
    <message>
        <location filename="../../ui/pages/choose_page.py" line="153"/>
        <source>Kết quả cho: %s</source>
        <translation>Results for: “%s”</translation>
    </message>
    <message>
        <location filename="../../ui/pages/choose_page.py" line="155"/>
        <source>Kết quả tìm kiếm</source>
        <translation>Search results</translation>
    </message>
    <message>
        <location filename="../../ui/pages/choose_page.py" line="157"/>
        <source>Các thủ tục</source>
        <translation>Procedures</translation>
    </message>
    <message>
        <location filename="../../ui/pages/choose_page.py" line="159"/>
        <source>Thủ tục nhiều người làm nhất</source>
        <translation>Most used procedures</translation>
    </message>
    <message>
        <location filename="../../ui/pages/choose_page.py" line="166"/>
        <source>Chưa tìm thấy thủ tục nào với từ này. Bạn thử gõ từ khác, chọn một nhóm bên trái, hoặc bấm &quot;Gọi tình nguyện viên&quot;.</source>
        <translation>No procedure found for these words. Try other words, pick a group on the left, or press &quot;Call a volunteer&quot;.</translation>
    </message>
</context>
<context>
    <name>ContentReportPage</name>
    <message>
        <location filename="../../ui/content_report_page.py" line="102"/>
        <source>Báo nội dung sai</source>
        <translation>Report wrong content</translation>
    </message>
    <message>
        <location filename="../../ui/content_report_page.py" line="103"/>
        <source>Phần nào sai?</source>
        <translation>Which part is wrong?</translation>
    </message>
    <message>
        <location filename="../../ui/content_report_page.py" line="104"/>
        <source>Sai thế nào?</source>
        <translation>What is wrong?</translation>
    </message>
    <message>
        <location filename="../../ui/content_report_page.py" line="105"/>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/content_report_page.py" line="106"/>
        <source>Gửi báo cáo</source>
        <translation>Send the report</translation>
    </message>
    <message>
        <location filename="../../ui/content_report_page.py" line="115"/>
        <source>Lệ phí không đúng</source>
        <translation>The fee is wrong</translation>
    </message>
    <message>
        <location filename="../../ui/content_report_page.py" line="116"/>
        <source>Giấy tờ cần chuẩn bị không đúng</source>
        <translation>The documents to prepare are wrong</translation>
    </message>
    <message>
        <location filename="../../ui/content_report_page.py" line="117"/>
        <source>Địa chỉ trang web hoặc cổng không đúng</source>
        <translation>The web address or portal is wrong</translation>
    </message>
    <message>
        <location filename="../../ui/content_report_page.py" line="118"/>
        <source>Màn hình trên cổng đã khác hướng dẫn</source>
        <translation>The portal&apos;s screens no longer match the guide</translation>
    </message>
    <message>
        <location filename="../../ui/content_report_page.py" line="119"/>
        <source>Hình minh họa không khớp</source>
        <translation>The picture does not match</translation>
    </message>
    <message>
        <location filename="../../ui/content_report_page.py" line="120"/>
        <source>Thời gian giải quyết không đúng</source>
        <translation>The processing time is wrong</translation>
    </message>
    <message>
        <location filename="../../ui/content_report_page.py" line="121"/>
        <source>Người dân thấy khó hiểu</source>
        <translation>Residents find it hard to understand</translation>
    </message>
    <message>
        <location filename="../../ui/content_report_page.py" line="122"/>
        <source>Lý do khác (báo trực tiếp cho quận)</source>
        <translation>Another reason (tell the district in person)</translation>
    </message>
    <message>
        <location filename="../../ui/content_report_page.py" line="159"/>
        <source>Thủ tục: %1 (thông tin kiểm tra ngày %2)</source>
        <translation>Procedure: %1 (information checked on %2)</translation>
    </message>
    <message>
        <location filename="../../ui/content_report_page.py" line="165"/>
        <source>Phần tổng quan (lệ phí, giấy tờ, thời gian, nơi làm)</source>
        <translation>The overview (fee, documents, time, where to apply)</translation>
    </message>
    <message>
        <location filename="../../ui/content_report_page.py" line="169"/>
        <source>Bước %1: %2</source>
        <translation>Step %1: %2</translation>
    </message>
    <message>
        <location filename="../../ui/content_report_page.py" line="184"/>
        <source>Hãy chọn phần sai và lý do, rồi bấm “Gửi báo cáo”.</source>
        <translation>Choose the wrong part and the reason, then press “Send the report”.</translation>
    </message>
</context>
<context>
    <name>CrashHandler</name>
    <message>
        <location filename="../../ui/crash.py" line="30"/>
        <source>Có trục trặc nhỏ. Máy sẽ quay về màn hình đầu trong giây lát.</source>
        <translation>A small problem happened. The kiosk will go back to the start screen in a moment.</translation>
    </message>
</context>
<context>
    <name>Field</name>
    <message>
        <location filename="../../ui/pages/practice_vneid_page.py" line="100"/>
        <source>Ẩn</source>
        <translation>Hide</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_vneid_page.py" line="100"/>
        <source>Hiện</source>
        <translation>Show</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_vneid_page.py" line="113"/>
        <source>✗ </source>
        <translation>✗ </translation>
    </message>
</context>
<context>
    <name>FilePicker</name>
    <message>
        <location filename="../../ui/portal/file_picker.py" line="247"/>
        <source>Chọn giấy tờ để tải lên</source>
        <translation>Choose a document to upload</translation>
    </message>
    <message>
        <location filename="../../ui/portal/file_picker.py" line="249"/>
        <source>Đang tìm giấy tờ đã quét…</source>
        <translation>Looking for scanned documents…</translation>
    </message>
    <message>
        <location filename="../../ui/portal/file_picker.py" line="250"/>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/portal/file_picker.py" line="251"/>
        <source>Tải lên giấy tờ đã chọn</source>
        <translation>Upload the chosen document</translation>
    </message>
    <message>
        <location filename="../../ui/portal/file_picker.py" line="288"/>
        <source>Chưa có giấy tờ nào của bạn để tải lên. Nhờ tình nguyện viên quét giấy tờ giúp bạn ngay bây giờ (giấy tờ quét trước lượt của bạn không hiện ở đây), hoặc cắm USB có giấy tờ vào máy.</source>
        <translation>None of your papers are here yet. Ask a volunteer to scan them for you now (papers scanned before your turn are not shown here), or plug in a USB stick with your papers.</translation>
    </message>
    <message>
        <location filename="../../ui/portal/file_picker.py" line="295"/>
        <source>Giấy tờ bạn vừa quét, mới nhất ở trên. Chạm để xem, rồi bấm nút dưới cùng.</source>
        <translation>The papers you just scanned, newest at the top. Touch one to see it, then press the button at the bottom.</translation>
    </message>
    <message>
        <location filename="../../ui/portal/file_picker.py" line="298"/>
        <source>Giấy tờ bạn vừa quét, mới nhất ở trên. Chạm vào từng giấy tờ cần gửi (chọn được nhiều), rồi bấm nút dưới cùng.</source>
        <translation>The papers you just scanned, newest at the top. Touch each paper to send (you can choose several), then press the button at the bottom.</translation>
    </message>
    <message>
        <location filename="../../ui/portal/file_picker.py" line="305"/>
        <source>Quét lúc %1</source>
        <translation>Scanned at %1</translation>
    </message>
    <message>
        <location filename="../../ui/portal/file_picker.py" line="308"/>
        <source>Mới nhất · </source>
        <translation>Newest · </translation>
    </message>
    <message>
        <source> · mới nhất</source>
        <translation type="vanished"> · newest</translation>
    </message>
    <message>
        <location filename="../../ui/portal/file_picker.py" line="340"/>
        <source>Tệp</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../ui/portal/file_picker.py" line="341"/>
        <source>Đang mở hình xem trước…</source>
        <translation>Opening the preview…</translation>
    </message>
    <message>
        <location filename="../../ui/portal/file_picker.py" line="350"/>
        <source>Máy không xem trước được tệp này. Xem kỹ tên và giờ quét của tệp.</source>
        <translation>This file cannot be previewed here. Check its name and the time it was scanned.</translation>
    </message>
    <message>
        <source>Chưa có giấy tờ nào để tải lên. Nhờ tình nguyện viên quét giấy tờ giúp bạn, hoặc cắm USB có giấy tờ vào máy.</source>
        <translation type="vanished">There is no document to upload yet. Ask a volunteer to scan your papers, or plug in a USB stick that has them.</translation>
    </message>
    <message>
        <source>Chạm vào giấy tờ cần gửi, rồi bấm nút dưới cùng.</source>
        <translation type="vanished">Tap the document to send, then press the button at the bottom.</translation>
    </message>
    <message>
        <source>Chạm vào từng giấy tờ cần gửi (chọn được nhiều), rồi bấm nút dưới cùng.</source>
        <translation type="vanished">Tap each document to send (you can choose several), then press the button at the bottom.</translation>
    </message>
    <message>
        <source>máy quét</source>
        <translation type="vanished">scanner</translation>
    </message>
    <message>
        <source>USB</source>
        <translation type="vanished">USB</translation>
    </message>
</context>
<context>
    <name>FinishPage</name>
    <message>
        <location filename="../../ui/pages/finish_page.py" line="186"/>
        <source>Bạn đã xem hết các bước</source>
        <translation>You have seen all the steps</translation>
    </message>
    <message>
        <location filename="../../ui/pages/finish_page.py" line="198"/>
        <source>Giấy tờ cần chuẩn bị cho “%1”:</source>
        <translation>Papers to prepare for “%1”:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/finish_page.py" line="187"/>
        <source>In danh sách giấy tờ</source>
        <translation>Print the list of papers</translation>
    </message>
    <message>
        <location filename="../../ui/pages/finish_page.py" line="174"/>
        <source>Bạn đã bấm “Nộp hồ sơ” trên cổng và thấy mã hồ sơ chưa?</source>
        <translation>Did you press “Submit” on the portal and see your dossier code?</translation>
    </message>
    <message>
        <location filename="../../ui/pages/finish_page.py" line="176"/>
        <source>✓ Đã nộp hồ sơ</source>
        <translation>✓ I have submitted</translation>
    </message>
    <message>
        <location filename="../../ui/pages/finish_page.py" line="189"/>
        <source>Bạn đã nộp hồ sơ</source>
        <translation>You have submitted your dossier</translation>
    </message>
    <message>
        <location filename="../../ui/pages/finish_page.py" line="191"/>
        <source>Việc tiếp theo cho “%1”:</source>
        <translation>What happens next for “%1”:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/finish_page.py" line="196"/>
        <source>In phiếu theo dõi hồ sơ</source>
        <translation>Print the tracking slip</translation>
    </message>
    <message>
        <location filename="../../ui/pages/finish_page.py" line="203"/>
        <source>Quét mã bằng điện thoại để làm tiếp trên điện thoại</source>
        <translation>Scan the code with your phone to continue on your phone</translation>
    </message>
    <message>
        <location filename="../../ui/pages/finish_page.py" line="206"/>
        <source>Bạn thấy hướng dẫn này thế nào?</source>
        <translation>How did you find this guide?</translation>
    </message>
    <message>
        <location filename="../../ui/pages/finish_page.py" line="208"/>
        <source>Rất khó</source>
        <translation>Very hard</translation>
    </message>
    <message>
        <location filename="../../ui/pages/finish_page.py" line="209"/>
        <source>Khó</source>
        <translation>Hard</translation>
    </message>
    <message>
        <location filename="../../ui/pages/finish_page.py" line="210"/>
        <source>Bình thường</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../ui/pages/finish_page.py" line="211"/>
        <source>Dễ</source>
        <translation>Easy</translation>
    </message>
    <message>
        <location filename="../../ui/pages/finish_page.py" line="212"/>
        <source>Rất dễ</source>
        <translation>Very easy</translation>
    </message>
    <message>
        <location filename="../../ui/pages/finish_page.py" line="216"/>
        <source>‹ Quay lại</source>
        <translation>‹ Back</translation>
    </message>
    <message>
        <location filename="../../ui/pages/finish_page.py" line="217"/>
        <source>Xong</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../ui/pages/finish_page.py" line="243"/>
        <source>✓ Cảm ơn bạn đã cho ý kiến.</source>
        <translation>✓ Thank you for your answer.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/finish_page.py" line="248"/>
        <source>thứ Hai</source>
        <translation>Monday</translation>
    </message>
    <message>
        <location filename="../../ui/pages/finish_page.py" line="249"/>
        <source>thứ Ba</source>
        <translation>Tuesday</translation>
    </message>
    <message>
        <location filename="../../ui/pages/finish_page.py" line="250"/>
        <source>thứ Tư</source>
        <translation>Wednesday</translation>
    </message>
    <message>
        <location filename="../../ui/pages/finish_page.py" line="251"/>
        <source>thứ Năm</source>
        <translation>Thursday</translation>
    </message>
    <message>
        <location filename="../../ui/pages/finish_page.py" line="252"/>
        <source>thứ Sáu</source>
        <translation>Friday</translation>
    </message>
    <message>
        <location filename="../../ui/pages/finish_page.py" line="253"/>
        <source>thứ Bảy</source>
        <translation>Saturday</translation>
    </message>
    <message>
        <location filename="../../ui/pages/finish_page.py" line="254"/>
        <source>Chủ nhật</source>
        <translation>Sunday</translation>
    </message>
    <message>
        <location filename="../../ui/pages/finish_page.py" line="262"/>
        <source>Thời gian giải quyết: %1. Ngày hẹn trả kết quả có trên cổng.</source>
        <translation>Processing time: %1. The portal shows the date of the result.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/finish_page.py" line="267"/>
        <source>Hạn trả kết quả: %1, %2 — %3 ngày làm việc, không tính thứ Bảy, Chủ nhật và ngày lễ, Tết. Nếu cổng ghi ngày hẹn khác, theo ngày trên cổng.</source>
        <translation>Result due: %1, %2 — %3 working days, not counting Saturdays, Sundays, public holidays or the Lunar New Year holiday. If the portal gives another date, go by the portal.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/finish_page.py" line="282"/>
        <source>Theo dõi hồ sơ: trên dichvucong.gov.vn, mục “Tra cứu hồ sơ”, nhập mã hồ sơ; hoặc trong ứng dụng VNeID, mục “Dịch vụ công”.</source>
        <translation>Track it: on dichvucong.gov.vn under “Tra cứu hồ sơ” (look up a dossier), with your dossier code; or in the VNeID app under “Dịch vụ công”.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/finish_page.py" line="285"/>
        <source>Nơi nhận kết quả: %1</source>
        <translation>Where the result arrives: %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/finish_page.py" line="287"/>
        <source>Mã hồ sơ: chép mã trên màn hình cổng vào ô trống của phiếu in. Máy này không lưu mã, không lưu hồ sơ của bạn.</source>
        <translation>Dossier code: copy it from the portal&apos;s screen into the empty box on the printed slip. This kiosk keeps neither the code nor your dossier.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/finish_page.py" line="308"/>
        <source>Phiếu theo dõi hồ sơ đã nộp</source>
        <translation>Tracking slip for a submitted dossier</translation>
    </message>
    <message>
        <location filename="../../ui/pages/finish_page.py" line="310"/>
        <source>Nộp trực tuyến ngày %1 tại: %2</source>
        <translation>Submitted online on %1 at: %2</translation>
    </message>
    <message>
        <location filename="../../ui/pages/finish_page.py" line="313"/>
        <source>Mã hồ sơ (tự chép tay từ màn hình cổng):</source>
        <translation>Dossier code (copy it by hand from the portal&apos;s screen):</translation>
    </message>
    <message>
        <location filename="../../ui/pages/finish_page.py" line="318"/>
        <source>Giấy tờ cần chuẩn bị</source>
        <translation>Papers to prepare</translation>
    </message>
    <message>
        <location filename="../../ui/pages/finish_page.py" line="320"/>
        <source>Làm trực tuyến tại: %1</source>
        <translation>Do it online at: %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/finish_page.py" line="334"/>
        <source>Chưa in được. Xin nhờ tình nguyện viên giúp.</source>
        <translation>It could not be printed. Please ask a volunteer for help.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/finish_page.py" line="337"/>
        <source>Đã gửi đến máy in. Xin lấy giấy ở máy in.</source>
        <translation>Sent to the printer. Please take the paper from the printer.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/finish_page.py" line="340"/>
        <source>Máy này chưa nối máy in. Đã lưu phiếu thành tệp PDF để tình nguyện viên in giúp.</source>
        <translation>This kiosk has no printer. The slip was saved as a PDF file for a volunteer to print.</translation>
    </message>
    <message>
        <source>Chưa in được danh sách. Xin nhờ tình nguyện viên giúp.</source>
        <translation type="vanished">The list could not be printed. Please ask a volunteer for help.</translation>
    </message>
    <message>
        <source>Đã gửi danh sách đến máy in. Xin lấy giấy ở máy in.</source>
        <translation type="vanished">The list was sent to the printer. Please take the paper from the printer.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/finish_page.py" line="345"/>
        <source>Máy này chưa nối máy in. Đã lưu danh sách thành tệp PDF để tình nguyện viên in giúp.</source>
        <translation>This kiosk has no printer. The list was saved as a PDF file so a volunteer can print it for you.</translation>
    </message>
</context>
<context>
    <name>GuideColumn</name>
    <message>
        <location filename="../../ui/portal/split_page.py" line="146"/>
        <source>Cổng đang ở bước %1: %2 — chuyển hướng dẫn?</source>
        <translation>The portal is at step %1: %2 — move the guide there?</translation>
    </message>
    <message>
        <location filename="../../ui/portal/split_page.py" line="150"/>
        <source>Chuyển tới bước %1 ›</source>
        <translation>Go to step %1 ›</translation>
    </message>
    <message>
        <location filename="../../ui/portal/split_page.py" line="151"/>
        <source>Cổng ở
bước %1 ›</source>
        <translation>Portal at
step %1 ›</translation>
    </message>
    <message>
        <location filename="../../ui/portal/split_page.py" line="206"/>
        <source>Bước %1/%2</source>
        <translation>Step %1/%2</translation>
    </message>
    <message>
        <location filename="../../ui/portal/split_page.py" line="217"/>
        <source>Mẹo: </source>
        <translation>Tip: </translation>
    </message>
    <message>
        <location filename="../../ui/portal/split_page.py" line="220"/>
        <source>Hay nhầm: </source>
        <translation>Common mistake: </translation>
    </message>
    <message>
        <location filename="../../ui/portal/split_page.py" line="221"/>
        <source>‹ Về hướng dẫn</source>
        <translation>‹ Back to the guide</translation>
    </message>
    <message>
        <location filename="../../ui/portal/split_page.py" line="222"/>
        <source>‹ Bước trước</source>
        <translation>‹ Previous step</translation>
    </message>
    <message>
        <location filename="../../ui/portal/split_page.py" line="227"/>
        <source>Hoàn tất
hướng dẫn ›</source>
        <translation>Finish
the guide ›</translation>
    </message>
    <message>
        <location filename="../../ui/portal/split_page.py" line="227"/>
        <source>Bước sau
của hướng dẫn ›</source>
        <translation>Next step
of the guide ›</translation>
    </message>
    <message>
        <location filename="../../ui/portal/split_page.py" line="229"/>
        <source>‹ Thu gọn</source>
        <translation>‹ Fold</translation>
    </message>
    <message>
        <location filename="../../ui/portal/split_page.py" line="230"/>
        <source>Thu gọn hướng dẫn</source>
        <translation>Fold the guide</translation>
    </message>
    <message>
        <location filename="../../ui/portal/split_page.py" line="231"/>
        <source>Mở
hướng dẫn</source>
        <translation>Open
the guide</translation>
    </message>
    <message>
        <location filename="../../ui/portal/split_page.py" line="232"/>
        <source>Mở hướng dẫn</source>
        <translation>Open the guide</translation>
    </message>
    <message>
        <source>‹ Quay lại</source>
        <translation type="vanished">‹ Back</translation>
    </message>
    <message>
        <source>Hoàn tất ›</source>
        <translation type="vanished">Finish ›</translation>
    </message>
    <message>
        <source>Tiếp tục ›</source>
        <translation type="vanished">Next ›</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <location filename="../../ui/pages/home_page.py" line="115"/>
        <source>Hướng dẫn làm thủ tục hành chính trực tuyến</source>
        <translation>Step-by-step help with online public services</translation>
    </message>
    <message>
        <location filename="../../ui/pages/home_page.py" line="117"/>
        <source>Từng bước một, chậm rãi. Có tình nguyện viên ở bên cạnh để giúp bạn.</source>
        <translation>One step at a time, slowly. A volunteer is nearby to help you.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/home_page.py" line="119"/>
        <source>Bắt đầu</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../ui/pages/home_page.py" line="120"/>
        <source>Chế độ trình diễn (DEMO): chưa cài đặt cho điểm hướng dẫn nào.</source>
        <translation>Demo mode: not yet set up for a help point.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/home_page.py" line="121"/>
        <source>Ngôn ngữ:</source>
        <translation>Language:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/home_page.py" line="122"/>
        <source>Cỡ chữ:</source>
        <translation>Text size:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/home_page.py" line="123"/>
        <source>Đọc to:</source>
        <translation>Read aloud:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/home_page.py" line="125"/>
        <source>Thường</source>
        <translation>Normal</translation>
    </message>
    <message>
        <location filename="../../ui/pages/home_page.py" line="126"/>
        <source>Lớn</source>
        <translation>Large</translation>
    </message>
    <message>
        <location filename="../../ui/pages/home_page.py" line="127"/>
        <source>Rất lớn</source>
        <translation>Very large</translation>
    </message>
    <message>
        <location filename="../../ui/pages/home_page.py" line="129"/>
        <source>Bật</source>
        <translation>On</translation>
    </message>
    <message>
        <location filename="../../ui/pages/home_page.py" line="129"/>
        <source>Tắt</source>
        <translation>Off</translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message>
        <location filename="../../ui/widgets/overlays.py" line="95"/>
        <source>Bạn còn ở đó không?</source>
        <translation>Are you still there?</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/overlays.py" line="96"/>
        <source>Tôi vẫn đang xem</source>
        <translation>I am still here</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/widgets/overlays.py" line="110"/>
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
        <location filename="../../ui/widgets/keypad.py" line="63"/>
        <source>Xóa</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/keypad.py" line="64"/>
        <source>Xóa số cuối</source>
        <translation>Delete last digit</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/keypad.py" line="63"/>
        <source>Xóa hết</source>
        <translation>Clear all</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="281"/>
        <source>Gọi tình nguyện viên</source>
        <translation>Call a volunteer</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="282"/>
        <source>Đọc to</source>
        <translation>Read aloud</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="285"/>
        <source>Nội dung cập nhật %s</source>
        <translation>Content updated %s</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="287"/>
        <source>DEMO</source>
        <translation>DEMO</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="289"/>
        <source>Điểm hướng dẫn thử nghiệm (DEMO)</source>
        <translation>Trial help point (DEMO)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="293"/>
        <source>Một phần nội dung đang được sửa; tình nguyện viên đã biết.</source>
        <translation>Some content is being fixed; the volunteers know.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="346"/>
        <source>Đã báo tình nguyện viên. Xin bạn chờ một chút, sẽ có người đến giúp ngay.</source>
        <translation>A volunteer has been told. Please wait a moment, someone will come to help.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="351"/>
        <source>Hiện không có tình nguyện viên ở đây.</source>
        <translation>No volunteer is here right now.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="358"/>
        <source>hôm nay lúc %s</source>
        <translation>today at %s</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="361"/>
        <source>Bây giờ không có tình nguyện viên ở đây. Lần tới có người giúp: %s. Bạn vẫn có thể tiếp tục xem hướng dẫn.</source>
        <translation>No volunteer is here right now. Next time someone can help: %s. You can keep reading the guide.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="366"/>
        <source>Đã hiểu</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../ui/messages.py" line="33"/>
        <source>Bản cập nhật danh mục không đúng định dạng nên chưa được cài. Máy vẫn dùng danh mục đang có, không cần làm gì thêm.</source>
        <translation>The catalog update is not in the right format, so it was not installed. The kiosk keeps using its current catalog; nothing needs to be done.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="38"/>
        <source>Khóa công khai cài trên máy không hợp lệ nên chưa kiểm tra được bản cập nhật. Máy vẫn dùng danh mục đang có; vui lòng báo cán bộ quận khi thuận tiện.</source>
        <translation>The public key installed on this kiosk is not valid, so the update could not be checked. The kiosk keeps using its current catalog; please tell the district staff when convenient.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="43"/>
        <source>Bản cập nhật được ký bằng một khóa lạ, không phải khóa của quận, nên không được cài. Máy vẫn dùng danh mục đang có.</source>
        <translation>The update was signed with an unknown key, not the district&apos;s, so it was not installed. The kiosk keeps using its current catalog.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="48"/>
        <source>Chữ ký của bản cập nhật danh mục không hợp lệ nên không được cài. Máy vẫn dùng danh mục đang có, không cần làm gì thêm.</source>
        <translation>The catalog update&apos;s signature is not valid, so it was not installed. The kiosk keeps using its current catalog; nothing needs to be done.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="53"/>
        <source>Bản cập nhật không mới hơn danh mục đang dùng nên không được cài. Danh mục hiện tại vẫn hoạt động bình thường.</source>
        <translation>The update is not newer than the catalog in use, so it was not installed. The current catalog works as usual.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="58"/>
        <source>Bản cập nhật danh mục đã hết hạn nên không được cài. Máy vẫn dùng danh mục đang có; vui lòng báo cán bộ quận khi thuận tiện.</source>
        <translation>The catalog update has expired, so it was not installed. The kiosk keeps using its current catalog; please tell the district staff when convenient.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="63"/>
        <source>Ngày phát hành của bản cập nhật nằm ở tương lai, có thể đồng hồ của máy đang sai. Máy vẫn dùng danh mục đang có; vui lòng kiểm tra ngày giờ của máy.</source>
        <translation>The update&apos;s issue date is in the future; the kiosk&apos;s clock may be wrong. The kiosk keeps using its current catalog; please check its date and time.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="68"/>
        <source>Bản cập nhật có quá nhiều tệp nên không được cài. Máy vẫn dùng danh mục đang có.</source>
        <translation>The update has too many files, so it was not installed. The kiosk keeps using its current catalog.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="72"/>
        <source>Một tệp trong bản cập nhật lớn hơn mức cho phép nên không được cài. Máy vẫn dùng danh mục đang có.</source>
        <translation>A file in the update is larger than allowed, so it was not installed. The kiosk keeps using its current catalog.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="77"/>
        <source>Bản cập nhật có tên tệp không hợp lệ nên không được cài. Máy vẫn dùng danh mục đang có.</source>
        <translation>The update has a file name that is not allowed, so it was not installed. The kiosk keeps using its current catalog.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="82"/>
        <source>Một tệp tải về không khớp với bản cập nhật đã ký. Máy sẽ thử tải lại sau; danh mục hiện tại vẫn hoạt động bình thường.</source>
        <translation>A downloaded file does not match the signed update. The kiosk will download it again later; the current catalog works as usual.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="87"/>
        <source>Máy không ghi được bản cập nhật danh mục vào ổ đĩa (ổ đĩa đầy hoặc chỉ đọc). Máy vẫn dùng danh mục đang có và sẽ thử lại sau; vui lòng báo cán bộ CNTT.</source>
        <translation>The kiosk could not write the catalog update to its disk (full or read-only). It keeps the catalog it has and will try again later; please tell the IT staff.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="108"/>
        <source>Máy chủ quận không nhận mã của máy này. Dữ liệu vẫn được giữ trên máy; vui lòng báo cán bộ quận kiểm tra mã máy.</source>
        <translation>The district server does not accept this kiosk&apos;s token. The data stays safe on the kiosk; please ask the district staff to check the kiosk&apos;s token.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="114"/>
        <source>Máy chủ quận đang bận. Máy sẽ tự gửi lại sau, không cần làm gì thêm.</source>
        <translation>The district server is busy. The kiosk will send again later by itself; nothing needs to be done.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="118"/>
        <source>Máy chủ quận trả lời không đúng cách. Dữ liệu vẫn được giữ trên máy và sẽ gửi lại sau.</source>
        <translation>The district server gave an unexpected answer. The data stays on the kiosk and will be sent again later.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="124"/>
        <source>Máy chưa được cài khóa công khai của quận nên chưa nhận bản cập nhật danh mục. Vui lòng báo cán bộ quận khi thuận tiện.</source>
        <translation>The district&apos;s public key is not installed on this kiosk, so it takes no catalog updates yet. Please tell the district staff when convenient.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="129"/>
        <source>Chưa kết nối được máy chủ quận. Dữ liệu vẫn được giữ an toàn trên máy và sẽ tự gửi lại sau, không cần làm gì thêm.</source>
        <translation>The district server could not be reached. The data stays safe on the kiosk and will be sent later by itself; nothing needs to be done.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="141"/>
        <source>Bạn chưa nhập số định danh. Số này gồm 12 chữ số, in trên thẻ căn cước.</source>
        <translation>You have not entered the ID number yet. It has 12 digits, printed on the ID card.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="146"/>
        <source>Số định danh chỉ gồm chữ số. Hãy xóa chữ cái hoặc ký hiệu rồi nhập lại.</source>
        <translation>The ID number is digits only. Remove any letters or symbols and try again.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="151"/>
        <source>Đây có vẻ là số chứng minh nhân dân 9 số cũ. Hãy dùng số định danh 12 số trên thẻ căn cước.</source>
        <translation>This looks like the old 9-digit ID number. Use the 12-digit number on the ID card.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="158"/>
        <source>Số định danh có 12 chữ số. Bạn mới nhập %1 số — hãy kiểm tra lại trên thẻ căn cước.</source>
        <translation>The ID number has 12 digits. You have entered %1 — please check the ID card.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="167"/>
        <source>Số định danh có 12 chữ số. Bạn đã nhập %1 số — có thể bị thừa một số, hãy kiểm tra lại trên thẻ căn cước.</source>
        <translation>The ID number has 12 digits. You have entered %1 — one may be extra; please check the ID card.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="175"/>
        <source>Ba số đầu là mã tỉnh, thành phố nơi đăng ký khai sinh, nhưng mã này không có trong danh sách. Hãy xem lại ba số đầu trên thẻ căn cước; nếu bạn đăng ký khai sinh ở nước ngoài, hãy hỏi tình nguyện viên.</source>
        <translation>The first three digits are the code of the province where the birth was registered, but this code is not in the list. Please check the first three digits on the card; if your birth was registered abroad, ask a volunteer.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="182"/>
        <source>Số thứ tư cho biết giới tính và thế kỷ sinh, chỉ có thể là 0, 1, 2 hoặc 3. Hãy xem lại số thứ tư trên thẻ căn cước.</source>
        <translation>The fourth digit gives sex and century of birth and can only be 0, 1, 2 or 3. Please check the fourth digit on the card.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="187"/>
        <source>Số thứ tư đến số thứ sáu cho biết năm sinh, nhưng năm sinh này còn ở tương lai. Hãy kiểm tra lại các số này trên thẻ căn cước.</source>
        <translation>Digits four to six give the year of birth, but this year is still in the future. Please check these digits on the card.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="199"/>
        <source>%1, nay thuộc %2</source>
        <translation>%1, now part of %2</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="205"/>
        <source>nam</source>
        <translation>male</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="205"/>
        <source>nữ</source>
        <translation>female</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="208"/>
        <source>%1 là nơi đăng ký khai sinh (%2), %3 nghĩa là %4 sinh trong những năm %5, %6 là năm sinh %7, còn 6 số cuối là số ngẫu nhiên.</source>
        <translation>%1 is where the birth was registered (%2), %3 means %4 born in %5, %6 is the birth year %7, and the last 6 digits are random.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="228"/>
        <source>Hãy nhập số điện thoại di động của bạn (10 số, bắt đầu bằng số 0).</source>
        <translation>Enter your mobile phone number (10 digits, starting with 0).</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="231"/>
        <source>Số điện thoại chỉ gồm chữ số. Hãy xóa chữ cái hoặc ký hiệu rồi nhập lại.</source>
        <translation>A phone number is digits only. Remove any letters or symbols and try again.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="235"/>
        <source>Số điện thoại di động có 10 chữ số. Bạn đã nhập %1 số — hãy kiểm tra lại.</source>
        <translation>A mobile number has 10 digits. You have entered %1 — please check it.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="239"/>
        <source>Số di động bắt đầu bằng 03, 05, 07, 08 hoặc 09. Hãy kiểm tra lại hai số đầu.</source>
        <translation>Mobile numbers start with 03, 05, 07, 08 or 09. Please check the first two digits.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="243"/>
        <source>Hãy nhập mã OTP 6 số trong tin nhắn vừa gửi đến điện thoại của bạn.</source>
        <translation>Enter the 6-digit OTP code from the text message just sent to your phone.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="246"/>
        <source>Mã OTP chỉ gồm chữ số. Hãy xem lại tin nhắn và nhập đúng 6 số.</source>
        <translation>The OTP code is digits only. Look at the text message again and enter its 6 digits.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="249"/>
        <source>Mã OTP có 6 chữ số. Bạn đã nhập %1 số — hãy xem lại tin nhắn.</source>
        <translation>The OTP code has 6 digits. You have entered %1 — look at the message again.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="252"/>
        <source>Hãy chọn một mã 6 chữ số để mở ứng dụng VNeID.</source>
        <translation>Choose a 6-digit code for opening the VNeID app.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="255"/>
        <source>Mã bảo vệ chỉ gồm chữ số. Hãy nhập 6 chữ số.</source>
        <translation>The passcode is digits only. Enter 6 digits.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="258"/>
        <source>Mã bảo vệ có đúng 6 chữ số. Bạn đã nhập %1 số.</source>
        <translation>The passcode has exactly 6 digits. You have entered %1.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="261"/>
        <source>Mã này rất dễ đoán (như 123456 hay 000000). Hãy chọn 6 số khác mà chỉ bạn nhớ, không phải ngày sinh.</source>
        <translation>This code is very easy to guess (like 123456 or 000000). Choose 6 other digits only you remember, not your birthday.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="273"/>
        <source>Ít nhất 8 ký tự</source>
        <translation>At least 8 characters</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="274"/>
        <source>Có chữ in hoa (A, B, C…)</source>
        <translation>An upper-case letter (A, B, C…)</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="275"/>
        <source>Có chữ thường (a, b, c…)</source>
        <translation>A lower-case letter (a, b, c…)</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="276"/>
        <source>Có chữ số (0–9)</source>
        <translation>A digit (0–9)</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="277"/>
        <source>Có ký tự đặc biệt (ví dụ ! @ # $)</source>
        <translation>A special character (e.g. ! @ # $)</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="285"/>
        <source>kiểm tra lại trên cổng</source>
        <translation>please check on the portal</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="375"/>
        <source>Danh sách giấy tờ chưa xác nhận được — %1.</source>
        <translation>This list of documents is not confirmed — %1.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="289"/>
        <source>Miễn phí</source>
        <translation>Free</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="304"/>
        <source>Nộp trực tiếp: chưa xác nhận được mức lệ phí — %1.</source>
        <translation>In person: the fee is not confirmed — %1.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="310"/>
        <source>Chưa xác nhận được mức lệ phí — %1.</source>
        <translation>The fee is not confirmed — %1.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="320"/>
        <source>Nộp trực tuyến: %1</source>
        <translation>Online: %1</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="323"/>
        <source>Nộp trực tiếp: %1</source>
        <translation>In person: %1</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="327"/>
        <source>Miễn, giảm: %1</source>
        <translation>Exemptions: %1</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="332"/>
        <location filename="../../ui/messages.py" line="348"/>
        <source>Căn cứ: %1</source>
        <translation>Legal basis: %1</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="344"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="340"/>
        <source>đến hết ngày %1</source>
        <translation>until the end of %1</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="383"/>
        <source>Không cần có sẵn tài khoản VNeID.</source>
        <translation>No VNeID account needed beforehand.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="356"/>
        <source>%1 khi nộp trực tuyến — theo %2</source>
        <translation>%1 when done online — under %2</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="385"/>
        <source>Tài khoản VNeID mức 1 (tự đăng ký trên điện thoại).</source>
        <translation>A level 1 VNeID account (self-registered on a phone).</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="386"/>
        <source>Tài khoản VNeID mức 2 (đăng ký tại Công an phường, có lấy vân tay).</source>
        <translation>A level 2 VNeID account (registered at the ward police, with fingerprints).</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="393"/>
        <source>Thông tin kiểm tra ngày %1</source>
        <translation>Information checked on %1</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="400"/>
        <source>Thứ Hai</source>
        <translation>Monday</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="401"/>
        <source>Thứ Ba</source>
        <translation>Tuesday</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="402"/>
        <source>Thứ Tư</source>
        <translation>Wednesday</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="403"/>
        <source>Thứ Năm</source>
        <translation>Thursday</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="404"/>
        <source>Thứ Sáu</source>
        <translation>Friday</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="405"/>
        <source>Thứ Bảy</source>
        <translation>Saturday</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="406"/>
        <source>Chủ nhật</source>
        <translation>Sunday</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <location filename="../../ui/pages/overview_page.py" line="118"/>
        <source>Tên chính thức: %s</source>
        <translation>Official name: %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview_page.py" line="123"/>
        <source>Ai làm được?</source>
        <translation>Who can apply?</translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview_page.py" line="124"/>
        <source>Cần chuẩn bị (bấm để đánh dấu)</source>
        <translation>What to prepare (tap to tick)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview_page.py" line="125"/>
        <source>Lệ phí</source>
        <translation>Fee</translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview_page.py" line="126"/>
        <source>Thời gian giải quyết</source>
        <translation>Processing time</translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview_page.py" line="127"/>
        <source>Làm ở đâu?</source>
        <translation>Where to do it?</translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview_page.py" line="128"/>
        <source>Tài khoản cần có</source>
        <translation>Account needed</translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview_page.py" line="129"/>
        <source>Nhận kết quả</source>
        <translation>Getting the result</translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview_page.py" line="141"/>
        <source>‹ Quay lại</source>
        <translation>‹ Back</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/overview_page.py" line="142"/>
        <source>Xem các bước (%n bước) ›</source>
        <translation>
            <numerusform>See the steps (%n step) ›</numerusform>
            <numerusform>See the steps (%n steps) ›</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview_page.py" line="145"/>
        <source>Phần này chưa có bản dịch, đang hiển thị tiếng Việt.</source>
        <translation>This part is not translated yet; it is shown in Vietnamese.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview_page.py" line="152"/>
        <source>Cơ quan giải quyết:</source>
        <translation>Handled by:</translation>
    </message>
</context>
<context>
    <name>PageMessage</name>
    <message>
        <location filename="../../ui/portal/notice.py" line="223"/>
        <source>Cổng dịch vụ công nhắn bạn</source>
        <translation>A message from the portal</translation>
    </message>
    <message>
        <location filename="../../ui/portal/notice.py" line="223"/>
        <source>Đã hiểu</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../ui/portal/notice.py" line="229"/>
        <source>Cổng dịch vụ công hỏi bạn</source>
        <translation>The portal asks you</translation>
    </message>
    <message>
        <location filename="../../ui/portal/notice.py" line="229"/>
        <source>Đồng ý</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../ui/portal/notice.py" line="229"/>
        <source>Không</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <location filename="../../ui/widgets/pin_pad.py" line="145"/>
        <source>Dành cho tình nguyện viên</source>
        <translation>For volunteers</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pin_pad.py" line="146"/>
        <source>Nhập mã PIN rồi bấm “Mở”.</source>
        <translation>Enter the PIN, then press “Open”.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pin_pad.py" line="148"/>
        <source>Máy trình diễn: mã PIN là %1.</source>
        <translation>Demo kiosk: the PIN is %1.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pin_pad.py" line="150"/>
        <source>⌫ Xóa</source>
        <translation>⌫ Delete</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pin_pad.py" line="151"/>
        <source>Xóa số cuối</source>
        <translation>Delete last digit</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pin_pad.py" line="152"/>
        <location filename="../../ui/widgets/pin_pad.py" line="281"/>
        <source>Mở</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pin_pad.py" line="153"/>
        <source>Hủy, quay lại màn hình chính</source>
        <translation>Cancel, back to the main screen</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pin_pad.py" line="224"/>
        <source>Đang kiểm tra…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pin_pad.py" line="228"/>
        <source>Mã PIN chưa đúng. Vui lòng nhập lại.</source>
        <translation>That PIN is not right. Please enter it again.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pin_pad.py" line="232"/>
        <source>Máy đang bận, chưa kiểm tra được mã PIN. Vui lòng nhập lại.</source>
        <translation>The kiosk is busy and could not check the PIN. Please enter it again.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pin_pad.py" line="237"/>
        <source>Máy này chưa được đặt mã PIN. Vui lòng báo cán bộ CNTT của phường.</source>
        <translation>No PIN is set on this kiosk. Please tell the ward&apos;s IT staff.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pin_pad.py" line="245"/>
        <source>Mã PIN của máy này được đặt theo quy định cũ (ít hơn 6 số) nên không dùng được nữa. Vui lòng báo cán bộ CNTT đặt mã PIN mới có ít nhất 6 số.</source>
        <translation>This kiosk&apos;s PIN was set under the old rule (fewer than 6 digits) and can no longer be used. Please ask IT staff to set a new PIN of at least 6 digits.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pin_pad.py" line="249"/>
        <source>Tệp bí mật của mã PIN trên máy này đã bị xóa hoặc thay, nên mã PIN cũ không dùng được. Vui lòng báo cán bộ CNTT đặt lại mã PIN.</source>
        <translation>The PIN&apos;s secret file on this kiosk was deleted or replaced, so the old PIN no longer works. Please ask IT staff to set the PIN again.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pin_pad.py" line="253"/>
        <source>Máy không đọc hoặc ghi được tệp bí mật của mã PIN (ổ đĩa đầy, chỉ đọc hoặc tệp bị hỏng). Vui lòng báo cán bộ CNTT.</source>
        <translation>This kiosk cannot read or write the PIN&apos;s secret file (the disk is full or read-only, or the file is damaged). Please tell IT staff.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pin_pad.py" line="260"/>
        <source>Mã PIN đã cài trên máy này không hợp lệ. Vui lòng báo cán bộ CNTT.</source>
        <translation>The PIN set on this kiosk is not valid. Please tell IT staff.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pin_pad.py" line="294"/>
        <source>Bạn có thể nhập lại mã PIN.</source>
        <translation>You can enter the PIN again.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pin_pad.py" line="301"/>
        <source>%1 phút</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pin_pad.py" line="301"/>
        <source>%1 giây</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pin_pad.py" line="304"/>
        <source>Sai mã PIN nhiều lần. Vui lòng thử lại sau %1 phút.</source>
        <translation>Too many wrong PINs. Please try again in %1 minutes.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pin_pad.py" line="306"/>
        <source>Sai mã PIN nhiều lần. Vui lòng thử lại sau %1 giây.</source>
        <translation>Too many wrong PINs. Please try again in %1 seconds.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pin_pad.py" line="322"/>
        <source>Đã nhập %1 số</source>
        <translation>%1 digits entered</translation>
    </message>
</context>
<context>
    <name>PortalButton</name>
    <message>
        <location filename="../../ui/portal/step_button.py" line="29"/>
        <source>Làm ngay trên máy này (máy đang mất mạng)</source>
        <translation>Do it now on this computer (no network at the moment)</translation>
    </message>
    <message>
        <location filename="../../ui/portal/step_button.py" line="31"/>
        <source>Làm ngay trên máy này</source>
        <translation>Do it on this computer</translation>
    </message>
</context>
<context>
    <name>PortalNotice</name>
    <message>
        <location filename="../../ui/portal/notice.py" line="121"/>
        <location filename="../../ui/portal/notice.py" line="128"/>
        <source>Máy này không mở được cách thanh toán này</source>
        <translation>This way of paying does not open on this kiosk</translation>
    </message>
    <message>
        <location filename="../../ui/portal/notice.py" line="123"/>
        <source>Bạn vẫn ở trang thanh toán. Bấm nút dưới đây để quay lại, rồi nhờ tình nguyện viên giúp thanh toán.</source>
        <translation>You are still on the payment page. Press the button below to go back, then ask a volunteer to help you pay.</translation>
    </message>
    <message>
        <location filename="../../ui/portal/notice.py" line="130"/>
        <source>Bạn hãy chọn cách thanh toán khác: %1. Bạn vẫn ở trang thanh toán; bấm nút dưới đây để quay lại và chọn lại.</source>
        <translation>Please choose another way to pay: %1. You are still on the payment page; press the button below to go back and choose again.</translation>
    </message>
    <message>
        <location filename="../../ui/portal/notice.py" line="136"/>
        <source>Trang này nằm ngoài Cổng dịch vụ công</source>
        <translation>This page is outside the public service portal</translation>
    </message>
    <message>
        <location filename="../../ui/portal/notice.py" line="138"/>
        <source>Để giữ an toàn cho bạn, máy này chỉ mở trang của cổng dịch vụ công và trang thanh toán được phép. Bạn vẫn ở trang trước đó; bấm nút dưới đây để quay lại.</source>
        <translation>To keep you safe, this computer only opens the public service portals and the allowed payment pages. You are still on the page before; press the button below to go back.</translation>
    </message>
    <message>
        <location filename="../../ui/portal/notice.py" line="145"/>
        <source>Trang này không được bảo vệ</source>
        <translation>This page is not protected</translation>
    </message>
    <message>
        <location filename="../../ui/portal/notice.py" line="147"/>
        <source>Địa chỉ này không có khóa bảo vệ (https) nên máy không mở. Bạn vẫn ở trang trước đó; bấm nút dưới đây để quay lại.</source>
        <translation>This address has no protection (https), so the computer does not open it. You are still on the page before; press the button below to go back.</translation>
    </message>
    <message>
        <location filename="../../ui/portal/notice.py" line="153"/>
        <source>Chưa kết nối được Cổng dịch vụ công — bạn vẫn xem hướng dẫn được</source>
        <translation>Cannot reach the public service portal yet — you can still follow the guide</translation>
    </message>
    <message>
        <location filename="../../ui/portal/notice.py" line="155"/>
        <source>Có thể mạng đang chập chờn hoặc cổng đang bảo trì. Bạn thử lại sau ít phút, hoặc nhờ tình nguyện viên giúp.</source>
        <translation>The network may be unstable or the portal under maintenance. Try again in a few minutes, or ask a volunteer for help.</translation>
    </message>
    <message>
        <location filename="../../ui/portal/notice.py" line="161"/>
        <source>Máy không chắc đây là trang thật</source>
        <translation>The computer cannot tell that this is the real site</translation>
    </message>
    <message>
        <location filename="../../ui/portal/notice.py" line="163"/>
        <source>Trang này không chứng minh được là trang chính thức nên máy không mở. Bạn hãy nhờ tình nguyện viên xem giúp.</source>
        <translation>This page cannot prove it is the official site, so the computer does not open it. Please ask a volunteer to look at it.</translation>
    </message>
    <message>
        <location filename="../../ui/portal/notice.py" line="169"/>
        <source>Trang vừa bị lỗi</source>
        <translation>The page stopped working</translation>
    </message>
    <message>
        <location filename="../../ui/portal/notice.py" line="170"/>
        <source>Bấm Tải lại để mở lại trang, hoặc nhờ tình nguyện viên giúp.</source>
        <translation>Press Reload to open the page again, or ask a volunteer for help.</translation>
    </message>
    <message>
        <location filename="../../ui/portal/notice.py" line="173"/>
        <source>Chưa mở được cổng trên máy này</source>
        <translation>The portal cannot be opened on this computer yet</translation>
    </message>
    <message>
        <location filename="../../ui/portal/notice.py" line="175"/>
        <source>Tình nguyện viên sẽ xem giúp. Bạn vẫn xem hướng dẫn được, hoặc làm trên điện thoại bằng ứng dụng VNeID.</source>
        <translation>A volunteer will look into it. You can still follow the guide, or do it on your phone in the VNeID app.</translation>
    </message>
</context>
<context>
    <name>PortalPane</name>
    <message>
        <location filename="../../ui/portal/pane.py" line="173"/>
        <location filename="../../ui/portal/pane.py" line="342"/>
        <source>‹ Về hướng dẫn</source>
        <translation>‹ Back to the guide</translation>
    </message>
    <message>
        <location filename="../../ui/portal/pane.py" line="260"/>
        <source>‹ Đóng trang này</source>
        <translation>‹ Close this page</translation>
    </message>
    <message>
        <location filename="../../ui/portal/pane.py" line="297"/>
        <source>‹ Quay lại trang trước</source>
        <translation>‹ Back to the page before</translation>
    </message>
    <message>
        <location filename="../../ui/portal/pane.py" line="299"/>
        <location filename="../../ui/portal/pane.py" line="304"/>
        <source>‹ Quay lại</source>
        <translation>‹ Back</translation>
    </message>
    <message>
        <location filename="../../ui/portal/pane.py" line="313"/>
        <source>Tải lại</source>
        <translation>Reload</translation>
    </message>
    <message>
        <location filename="../../ui/portal/pane.py" line="322"/>
        <source>Đang mở…</source>
        <translation>Opening…</translation>
    </message>
    <message>
        <location filename="../../ui/portal/pane.py" line="341"/>
        <source>Thử lại</source>
        <translation>Try again</translation>
    </message>
    <message>
        <location filename="../../ui/portal/pane.py" line="376"/>
        <source>Kết nối an toàn · %1</source>
        <translation>Secure connection · %1</translation>
    </message>
    <message>
        <location filename="../../ui/portal/pane.py" line="378"/>
        <source>Kết nối KHÔNG an toàn · %1</source>
        <translation>NOT a secure connection · %1</translation>
    </message>
    <message>
        <location filename="../../ui/portal/pane.py" line="387"/>
        <source>Sao chép</source>
        <translation>Copy</translation>
    </message>
    <message>
        <location filename="../../ui/portal/pane.py" line="388"/>
        <source>Cắt</source>
        <translation>Cut</translation>
    </message>
    <message>
        <location filename="../../ui/portal/pane.py" line="389"/>
        <source>Dán</source>
        <translation>Paste</translation>
    </message>
    <message>
        <location filename="../../ui/portal/pane.py" line="403"/>
        <source>Đã tải về: %1</source>
        <translation>Downloaded: %1</translation>
    </message>
    <message>
        <location filename="../../ui/portal/pane.py" line="404"/>
        <source>In ra giấy</source>
        <translation>Print on paper</translation>
    </message>
    <message>
        <location filename="../../ui/portal/pane.py" line="410"/>
        <source>Chưa tải về được. Bạn thử bấm lại trên trang.</source>
        <translation>The download did not work. Try pressing it again on the page.</translation>
    </message>
    <message>
        <location filename="../../ui/portal/pane.py" line="431"/>
        <source>Điểm này chưa nối máy in. Nhờ tình nguyện viên in giúp ngay bây giờ: tệp sẽ bị xóa khi bạn xong.</source>
        <translation>There is no printer here. Ask a volunteer to print it for you now: the file is deleted when you are done.</translation>
    </message>
    <message>
        <location filename="../../ui/portal/pane.py" line="437"/>
        <source>Đang in…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <location filename="../../ui/portal/pane.py" line="441"/>
        <source>Đã gửi %1 trang tới máy in.</source>
        <translation>Sent %1 page(s) to the printer.</translation>
    </message>
    <message>
        <location filename="../../ui/portal/pane.py" line="444"/>
        <source>Chưa in được tệp này. Nhờ tình nguyện viên giúp.</source>
        <translation>This file could not be printed. Please ask a volunteer.</translation>
    </message>
</context>
<context>
    <name>PortalPanelBox</name>
    <message>
        <location filename="../../ui/portal/panel_box.py" line="39"/>
        <source>Cổng dịch vụ công trên máy</source>
        <translation>Public service portal on this kiosk</translation>
    </message>
    <message>
        <location filename="../../ui/portal/panel_box.py" line="40"/>
        <source>Kết thúc phiên trên cổng</source>
        <translation>End the portal session</translation>
    </message>
    <message>
        <location filename="../../ui/portal/panel_box.py" line="55"/>
        <source>Cổng đang mở (%1, %2 phút).</source>
        <translation>The portal is open (%1, %2 minutes).</translation>
    </message>
    <message>
        <location filename="../../ui/portal/panel_box.py" line="65"/>
        <source>Chưa xóa được giấy tờ quét cũ trong thư mục máy quét (người dân sau không thấy chúng, nhưng chúng vẫn nằm trên máy). Báo cán bộ CNTT:</source>
        <translation>Old scans in the scan folder could not be deleted (later residents do not see them, but they are still on this PC). Tell IT:</translation>
    </message>
    <message>
        <location filename="../../ui/portal/panel_box.py" line="45"/>
        <source>Cổng không mở được trên máy này. Báo cán bộ CNTT:</source>
        <translation>The portal cannot run on this kiosk. Tell IT staff:</translation>
    </message>
    <message>
        <location filename="../../ui/portal/panel_box.py" line="50"/>
        <source>Đã tắt trong cấu hình của máy.</source>
        <translation>Turned off in this kiosk&apos;s config.</translation>
    </message>
    <message>
        <source>Đang có phiên mở (%1, %2 phút). Người dân vẫn đăng nhập trên cổng.</source>
        <translation type="vanished">A session is open (%1, %2 min). The resident is still logged in on the portal.</translation>
    </message>
    <message>
        <location filename="../../ui/portal/panel_box.py" line="60"/>
        <source>Không có phiên nào đang mở.</source>
        <translation>No session is open.</translation>
    </message>
    <message>
        <location filename="../../ui/portal/panel_box.py" line="76"/>
        <source>Đã kết thúc phiên trên cổng và xóa mọi dữ liệu của phiên.</source>
        <translation>The portal session has ended and all of its data was deleted.</translation>
    </message>
</context>
<context>
    <name>PracticeBand</name>
    <message>
        <location filename="../../ui/pages/practice_cccd_page.py" line="61"/>
        <source>THỰC HÀNH — không lưu lại gì</source>
        <translation>PRACTICE — nothing is saved</translation>
    </message>
</context>
<context>
    <name>PracticeCccdPage</name>
    <message>
        <location filename="../../ui/pages/practice_cccd_page.py" line="196"/>
        <source>Đã nhập %1/12 số</source>
        <translation>%1 of 12 digits entered</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_cccd_page.py" line="206"/>
        <source>✗ Chưa đúng.</source>
        <translation>✗ Not right yet.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_cccd_page.py" line="211"/>
        <source>✓ Số này đúng dạng số định danh.</source>
        <translation>✓ This number has the form of a personal ID number.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_cccd_page.py" line="225"/>
        <source>Thực hành: số định danh cá nhân</source>
        <translation>Practice: the personal ID number</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_cccd_page.py" line="228"/>
        <source>Số định danh cá nhân có 12 chữ số, in trên thẻ căn cước. Hãy bấm các số trên bàn phím bên phải, rồi bấm “Kiểm tra” để xem mỗi phần có nghĩa là gì.</source>
        <translation>The personal ID number has 12 digits and is printed on the ID card. Press the digits on the pad on the right, then press “Check” to see what each part means.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_cccd_page.py" line="233"/>
        <source>mã tỉnh nơi đăng ký khai sinh</source>
        <translation>code of the province where the birth was registered</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_cccd_page.py" line="234"/>
        <source>giới tính và thế kỷ sinh</source>
        <translation>sex and century of birth</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_cccd_page.py" line="235"/>
        <source>năm sinh</source>
        <translation>year of birth</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_cccd_page.py" line="236"/>
        <source>số ngẫu nhiên</source>
        <translation>random number</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_cccd_page.py" line="240"/>
        <source>Kiểm tra</source>
        <translation>Check</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_cccd_page.py" line="241"/>
        <source>‹ Quay lại bước</source>
        <translation>‹ Back to the step</translation>
    </message>
</context>
<context>
    <name>PracticeVneidPage</name>
    <message>
        <location filename="../../ui/pages/practice_vneid_page.py" line="288"/>
        <source>Mã này khác mã trong tin nhắn thử ở trên. Hãy nhìn lại tin nhắn và nhập đúng 6 số.</source>
        <translation>This code is not the one in the practice message above. Look at the message again and enter its 6 digits.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_vneid_page.py" line="300"/>
        <source>đã đạt</source>
        <translation>done</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_vneid_page.py" line="300"/>
        <source>chưa đạt</source>
        <translation>not yet</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_vneid_page.py" line="311"/>
        <source>Mật khẩu chưa đủ điều kiện. Hãy xem những dòng có dấu ✗ bên phải.</source>
        <translation>The password does not meet the rules yet. Look at the lines marked ✗ on the right.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_vneid_page.py" line="350"/>
        <source>Phần %1/%2</source>
        <translation>Part %1/%2</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_vneid_page.py" line="353"/>
        <source>Nhập số định danh và số điện thoại</source>
        <translation>Enter your ID number and phone number</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_vneid_page.py" line="354"/>
        <source>Nhập mã OTP trong tin nhắn</source>
        <translation>Enter the OTP code from the message</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_vneid_page.py" line="355"/>
        <source>Đặt mật khẩu và mã bảo vệ</source>
        <translation>Set a password and a passcode</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_vneid_page.py" line="356"/>
        <source>Bạn đã thực hành xong</source>
        <translation>You have finished the practice</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_vneid_page.py" line="365"/>
        <source>Trên máy tính, vào trang vneid.gov.vn và bấm “Kích hoạt tài khoản”. Trang sẽ hỏi hai thứ dưới đây. Ở đây bạn tập trước, không có gì được gửi đi.</source>
        <translation>On a computer, go to vneid.gov.vn and press “Kích hoạt tài khoản” (Activate account). The site asks for the two things below. Here you practise first; nothing is sent.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_vneid_page.py" line="370"/>
        <source>Số định danh cá nhân</source>
        <translation>Personal ID number</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_vneid_page.py" line="371"/>
        <source>12 chữ số in trên thẻ căn cước của bạn.</source>
        <translation>The 12 digits printed on your ID card.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_vneid_page.py" line="374"/>
        <source>Số điện thoại</source>
        <translation>Phone number</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_vneid_page.py" line="375"/>
        <source>Số di động 10 số bạn đang dùng; mã OTP sẽ được gửi đến số này.</source>
        <translation>The 10-digit mobile number you use; the OTP code is sent to it.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_vneid_page.py" line="377"/>
        <source>Gửi yêu cầu</source>
        <translation>Send request</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_vneid_page.py" line="380"/>
        <source>Tin nhắn thử: mã OTP của bạn là 482915 — đây chỉ là mã giả để thực hành. Không bao giờ đưa mã OTP thật cho ai.</source>
        <translation>Practice message: your OTP code is 482915 — a pretend code for practice. Never give a real OTP code to anyone.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_vneid_page.py" line="385"/>
        <source>Mã OTP</source>
        <translation>OTP code</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_vneid_page.py" line="386"/>
        <source>Nhập 6 số trong tin nhắn. Khi làm thật, mã chỉ dùng được vài phút.</source>
        <translation>Enter the 6 digits from the message. For real, the code works for only a few minutes.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_vneid_page.py" line="388"/>
        <source>Xác nhận</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_vneid_page.py" line="390"/>
        <source>Mật khẩu</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_vneid_page.py" line="391"/>
        <source>Dùng để đăng nhập VNeID. Không nói cho ai.</source>
        <translation>Used to log in to VNeID. Tell no one.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_vneid_page.py" line="394"/>
        <source>Mã bảo vệ (6 số)</source>
        <translation>Passcode (6 digits)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_vneid_page.py" line="395"/>
        <source>6 chữ số để mở ứng dụng VNeID; đừng dùng ngày sinh.</source>
        <translation>6 digits to open the VNeID app; do not use your birthday.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_vneid_page.py" line="397"/>
        <source>Hoàn thành</source>
        <translation>Finish</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_vneid_page.py" line="398"/>
        <source>Mật khẩu cần có</source>
        <translation>The password needs</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_vneid_page.py" line="400"/>
        <source>✓ Chúc mừng! Bạn đã tập xong các bước kích hoạt tài khoản VNeID.</source>
        <translation>✓ Well done! You have practised every step of activating a VNeID account.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_vneid_page.py" line="404"/>
        <source>Khi làm thật: vào trang vneid.gov.vn trên máy tính, hoặc mở ứng dụng VNeID trên điện thoại, chọn “Kích hoạt tài khoản”, nhập số định danh và số điện thoại của bạn, rồi nhập mã OTP thật được gửi đến điện thoại. Không đưa mã OTP, mật khẩu hay mã bảo vệ cho bất kỳ ai, kể cả người xưng là công an.</source>
        <translation>For real: go to vneid.gov.vn on a computer, or open the VNeID app on a phone, choose “Kích hoạt tài khoản”, enter your ID number and phone number, then the real OTP code sent to your phone. Never give the OTP code, password or passcode to anyone, even someone who says they are the police.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_vneid_page.py" line="410"/>
        <source>Thực hành lại</source>
        <translation>Practise again</translation>
    </message>
    <message>
        <location filename="../../ui/pages/practice_vneid_page.py" line="411"/>
        <source>‹ Quay lại bước</source>
        <translation>‹ Back to the step</translation>
    </message>
</context>
<context>
    <name>ProblemPage</name>
    <message>
        <location filename="../../ui/pages/problem_page.py" line="62"/>
        <source>Thoát (dành cho kỹ thuật viên)</source>
        <translation>Quit (for IT staff)</translation>
    </message>
</context>
<context>
    <name>RefusedNotice</name>
    <message>
        <location filename="../../ui/refused_notice.py" line="47"/>
        <source>⚠ %1 bản ghi bị máy chủ từ chối — báo cho IT</source>
        <translation>⚠ %1 records refused by the server — tell IT</translation>
    </message>
    <message>
        <location filename="../../ui/refused_notice.py" line="53"/>
        <source>Mã máy trong cấu hình không khớp với máy chủ quận. Các bản ghi vẫn được giữ trên máy: cán bộ CNTT chạy lại lệnh dvc-kiosk provision, rồi máy sẽ tự gửi lại.</source>
        <translation>The kiosk id in the config does not match the district server. The records are kept on this PC: IT runs dvc-kiosk provision again, then the kiosk sends them again by itself.</translation>
    </message>
    <message>
        <location filename="../../ui/refused_notice.py" line="61"/>
        <source>Các bản ghi vẫn được giữ trên máy. Cán bộ CNTT xem lý do bằng lệnh dvc-kiosk status.</source>
        <translation>The records are kept on this PC. IT can see why with dvc-kiosk status.</translation>
    </message>
</context>
<context>
    <name>ReleaseStatusText</name>
    <message>
        <location filename="../../ui/release_status.py" line="21"/>
        <source>Đang dùng nội dung bản %1 tải về từ quận</source>
        <translation>Using content release %1 downloaded from the district</translation>
    </message>
    <message>
        <location filename="../../ui/release_status.py" line="23"/>
        <source>Đang dùng nội dung bản %1 có sẵn trong máy</source>
        <translation>Using content release %1 that came with the program</translation>
    </message>
    <message>
        <location filename="../../ui/release_status.py" line="26"/>
        <source>bản %1 tải về bị lỗi: %2</source>
        <translation>downloaded release %1 is faulty: %2</translation>
    </message>
    <message>
        <location filename="../../ui/release_status.py" line="38"/>
        <source>nội dung không đọc được</source>
        <translation>its content cannot be read</translation>
    </message>
    <message>
        <location filename="../../ui/release_status.py" line="39"/>
        <source>không có thủ tục nào dùng được</source>
        <translation>not one procedure in it can be used</translation>
    </message>
    <message>
        <location filename="../../ui/release_status.py" line="40"/>
        <source>tệp trên máy bị hỏng</source>
        <translation>its files on this PC are damaged</translation>
    </message>
</context>
<context>
    <name>StepPage</name>
    <message>
        <location filename="../../ui/pages/step_page.py" line="82"/>
        <source>Bước %1/%2</source>
        <translation>Step %1/%2</translation>
    </message>
    <message>
        <location filename="../../ui/pages/step_page.py" line="92"/>
        <source>Mẹo: </source>
        <translation>Tip: </translation>
    </message>
    <message>
        <location filename="../../ui/pages/step_page.py" line="95"/>
        <source>Hay nhầm: </source>
        <translation>Common mistake: </translation>
    </message>
    <message>
        <location filename="../../ui/pages/step_page.py" line="97"/>
        <source>Hình minh họa đang được cập nhật.</source>
        <translation>The picture is being updated.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/step_page.py" line="101"/>
        <source>Thực hành: nhập số định danh 12 số</source>
        <translation>Practice: type the ID number</translation>
    </message>
    <message>
        <location filename="../../ui/pages/step_page.py" line="103"/>
        <source>Thực hành: kích hoạt tài khoản VNeID</source>
        <translation>Practice: activate a VNeID account</translation>
    </message>
    <message>
        <location filename="../../ui/pages/step_page.py" line="105"/>
        <source>‹ Quay lại</source>
        <translation>‹ Back</translation>
    </message>
    <message>
        <location filename="../../ui/pages/step_page.py" line="107"/>
        <source>Hoàn tất ›</source>
        <translation>Finish ›</translation>
    </message>
    <message>
        <location filename="../../ui/pages/step_page.py" line="107"/>
        <source>Tiếp tục ›</source>
        <translation>Continue ›</translation>
    </message>
</context>
<context>
    <name>SyncBridge</name>
    <message>
        <location filename="../../ui/sync_hookup.py" line="52"/>
        <source>Chưa gửi: %1</source>
        <translation>Not sent: %1</translation>
    </message>
    <message>
        <location filename="../../ui/sync_hookup.py" line="55"/>
        <source>Gửi lần cuối: %1</source>
        <translation>Last sent: %1</translation>
    </message>
</context>
<context>
    <name>TypingSwitch</name>
    <message>
        <location filename="../../ui/typing/switch.py" line="58"/>
        <source>Gõ tiếng Việt:</source>
        <translation>Vietnamese typing:</translation>
    </message>
    <message>
        <location filename="../../ui/typing/switch.py" line="59"/>
        <source>Telex</source>
        <translation>Telex</translation>
    </message>
    <message>
        <location filename="../../ui/typing/switch.py" line="60"/>
        <source>VNI</source>
        <translation>VNI</translation>
    </message>
    <message>
        <location filename="../../ui/typing/switch.py" line="61"/>
        <source>Tắt</source>
        <translation>Off</translation>
    </message>
    <message>
        <location filename="../../ui/typing/switch.py" line="65"/>
        <source>aa → â, s → dấu sắc, dd → đ</source>
        <translation>aa → “â”, s → acute accent, dd → “đ”</translation>
    </message>
    <message>
        <location filename="../../ui/typing/switch.py" line="66"/>
        <source>a6 → â, 1 → dấu sắc, d9 → đ</source>
        <translation>a6 → “â”, 1 → acute accent, d9 → “đ”</translation>
    </message>
    <message>
        <location filename="../../ui/typing/switch.py" line="67"/>
        <source>Chữ gõ vào giữ nguyên, không thêm dấu</source>
        <translation>Letters stay as typed, no accents added</translation>
    </message>
    <message>
        <location filename="../../ui/typing/switch.py" line="70"/>
        <source>⌨ Bàn phím</source>
        <translation>⌨ Keyboard</translation>
    </message>
    <message>
        <location filename="../../ui/typing/switch.py" line="71"/>
        <source>Bàn phím trên màn hình</source>
        <translation>On-screen keyboard</translation>
    </message>
</context>
<context>
    <name>VietnameseKeyboard</name>
    <message>
        <location filename="../../ui/typing/keyboard.py" line="100"/>
        <source>Dấu sắc</source>
        <translation>Acute accent (sắc)</translation>
    </message>
    <message>
        <location filename="../../ui/typing/keyboard.py" line="101"/>
        <source>Dấu huyền</source>
        <translation>Grave accent (huyền)</translation>
    </message>
    <message>
        <location filename="../../ui/typing/keyboard.py" line="102"/>
        <source>Dấu hỏi</source>
        <translation>Hook above (hỏi)</translation>
    </message>
    <message>
        <location filename="../../ui/typing/keyboard.py" line="103"/>
        <source>Dấu ngã</source>
        <translation>Tilde (ngã)</translation>
    </message>
    <message>
        <location filename="../../ui/typing/keyboard.py" line="104"/>
        <source>Dấu nặng</source>
        <translation>Dot below (nặng)</translation>
    </message>
    <message>
        <location filename="../../ui/typing/keyboard.py" line="105"/>
        <source>Dấu mũ: â ê ô</source>
        <translation>Circumflex: â ê ô</translation>
    </message>
    <message>
        <location filename="../../ui/typing/keyboard.py" line="106"/>
        <source>Dấu móc, dấu trăng: ă ơ ư</source>
        <translation>Horn and breve: ă ơ ư</translation>
    </message>
    <message>
        <location filename="../../ui/typing/keyboard.py" line="107"/>
        <source>Chữ đ</source>
        <translation>Letter đ</translation>
    </message>
    <message>
        <location filename="../../ui/typing/keyboard.py" line="108"/>
        <source>Xóa một chữ</source>
        <translation>Erase one letter</translation>
    </message>
    <message>
        <location filename="../../ui/typing/keyboard.py" line="109"/>
        <source>Chữ hoa</source>
        <translation>Capital letter</translation>
    </message>
    <message>
        <location filename="../../ui/typing/keyboard.py" line="110"/>
        <location filename="../../ui/typing/keyboard.py" line="117"/>
        <source>Dấu cách</source>
        <translation>Space</translation>
    </message>
    <message>
        <location filename="../../ui/typing/keyboard.py" line="111"/>
        <location filename="../../ui/typing/keyboard.py" line="118"/>
        <source>Ẩn bàn phím</source>
        <translation>Hide keyboard</translation>
    </message>
    <message>
        <location filename="../../ui/typing/keyboard.py" line="155"/>
        <source>Chữ bạn gõ hiện ở đây</source>
        <translation>What you type shows here</translation>
    </message>
</context>
<context>
    <name>VolunteerPanel</name>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="346"/>
        <source>Bảng của tình nguyện viên</source>
        <translation>Volunteer panel</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="347"/>
        <source>Hôm nay tại máy này</source>
        <translation>Today at this kiosk</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="380"/>
        <source>Đã nộp hồ sơ</source>
        <translation>Dossier submitted</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="539"/>
        <source>Lượt vừa xong</source>
        <translation>Last session</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="349"/>
        <source>Mã tình nguyện viên:</source>
        <translation>Volunteer code:</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="348"/>
        <source>Lượt đang ở máy</source>
        <translation>Visit at the kiosk now</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="351"/>
        <source>Bàn phím số</source>
        <translation>Number pad</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="355"/>
        <location filename="../../ui/volunteer_panel.py" line="723"/>
        <source>Gửi dữ liệu về quận</source>
        <translation>Sending data to the district</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="357"/>
        <source>Nội dung thủ tục</source>
        <translation>Procedure content</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="358"/>
        <source>Đặt lại phiên</source>
        <translation>Reset session</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="359"/>
        <source>Báo nội dung sai</source>
        <translation>Report wrong content</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="361"/>
        <source>Thoát chế độ kiosk</source>
        <translation>Leave kiosk mode</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="362"/>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="363"/>
        <source>Nhập số của mã tình nguyện viên</source>
        <translation>Enter the number of the volunteer code</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="364"/>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="365"/>
        <source>Dùng mã này</source>
        <translation>Use this code</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="366"/>
        <source>Thoát chế độ kiosk?</source>
        <translation>Leave kiosk mode?</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="369"/>
        <source>Chương trình sẽ đóng lại và người dân không dùng được máy này cho đến khi mở lại. Chỉ thoát khi cán bộ CNTT cần làm việc trên máy.</source>
        <translation>The program will close and residents cannot use this kiosk until it is started again. Only leave when IT staff need to work on the machine.</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="373"/>
        <source>Không, ở lại</source>
        <translation>No, stay</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="374"/>
        <source>Có, thoát</source>
        <translation>Yes, leave</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="379"/>
        <source>Đã kích hoạt VNeID</source>
        <translation>VNeID activated</translation>
    </message>
    <message>
        <source>Đã nộp hồ sơ thật</source>
        <translation type="vanished">Real dossier submitted</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="381"/>
        <source>Cần quay lại</source>
        <translation>Needs to come back</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="382"/>
        <source>Chỉ tìm hiểu</source>
        <translation>Only learning</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="512"/>
        <source>Không mở được nhật ký nên các lượt hôm nay không được ghi lại. Vui lòng báo cán bộ CNTT:</source>
        <translation>The journal could not be opened, so today&apos;s sessions are not being recorded. Please tell IT staff:</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="537"/>
        <source>Lượt trước (đã kết thúc)</source>
        <translation>Previous visit (ended)</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="557"/>
        <source>đang ở bước %1/%2</source>
        <translation>at step %1/%2</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="562"/>
        <source>ở màn hình cuối</source>
        <translation>on the last screen</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="566"/>
        <source>cổng đang mở %1 phút</source>
        <translation>portal open for %1 minutes</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="573"/>
        <source>Chưa ghi kết quả. Bấm một nút dưới đây (ghi cho lượt này):</source>
        <translation>No outcome marked yet. Press a button below (for this visit):</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="579"/>
        <location filename="../../ui/volunteer_panel.py" line="668"/>
        <source>%1 (người dân tự báo)</source>
        <translation>%1 (said by the resident)</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="585"/>
        <source>Chưa có lượt nào hôm nay.</source>
        <translation>No sessions today yet.</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="588"/>
        <source>%1 lượt: %2 làm đến cuối, %3 bỏ dở (%4 hết giờ chờ, %5 được đặt lại, %6 tự về màn hình đầu).</source>
        <translation>%1 sessions: %2 went to the end, %3 left unfinished (%4 timed out, %5 reset, %6 went back to the start screen).</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="601"/>
        <source>Đã nộp hồ sơ: %1 lượt.</source>
        <translation>Dossiers submitted: %1.</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="711"/>
        <source>Một phần của máy không khởi động được. Người dân vẫn dùng được phần hướng dẫn. Vui lòng khởi động lại máy; nếu vẫn còn, báo cán bộ CNTT (chi tiết trong nhật ký và lệnh dvc-kiosk status):</source>
        <translation>Part of this kiosk could not start. Residents can still use the guide. Please restart the kiosk; if this stays, tell the IT staff (details in the log and in the dvc-kiosk status command):</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="722"/>
        <source>Nhật ký phiên (ghi lại các lượt hướng dẫn)</source>
        <translation>Session journal (records each guided visit)</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="724"/>
        <source>Đọc to</source>
        <translation>Read aloud</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="725"/>
        <source>Báo cáo tình trạng máy cho quận</source>
        <translation>Health report to the district</translation>
    </message>
    <message>
        <source>%1 lượt: %2 làm đến cuối, %3 bỏ dở (%4 hết giờ chờ, %5 được đặt lại).</source>
        <translation type="vanished">%1 sessions: %2 finished, %3 abandoned (%4 timed out, %5 reset).</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="598"/>
        <source>Gọi tình nguyện viên: %1 lần.</source>
        <translation>Volunteer called: %1 times.</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="609"/>
        <source>Chưa chọn thủ tục</source>
        <translation>No procedure chosen</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="623"/>
        <source>• và %1 thủ tục khác</source>
        <translation>• and %1 other procedures</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="629"/>
        <source>làm đến cuối</source>
        <translation>finished</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="630"/>
        <source>bỏ dở, hết giờ chờ</source>
        <translation>abandoned, timed out</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="631"/>
        <source>được đặt lại</source>
        <translation>reset</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="632"/>
        <source>tự về màn hình đầu</source>
        <translation>went back to the start screen</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="639"/>
        <source>Chưa có lượt nào trên máy này.</source>
        <translation>No sessions on this kiosk yet.</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="641"/>
        <source>Kết thúc lúc %1</source>
        <translation>Ended at %1</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="646"/>
        <source>tới bước %1/%2</source>
        <translation>reached step %1/%2</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="652"/>
        <source>gọi trợ giúp %1 lần</source>
        <translation>called for help %1 times</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="654"/>
        <source>đánh giá %1/5</source>
        <translation>rated %1/5</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="662"/>
        <source>Chưa ghi kết quả. Bấm một nút dưới đây:</source>
        <translation>No outcome recorded yet. Press one of the buttons below:</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="580"/>
        <location filename="../../ui/volunteer_panel.py" line="669"/>
        <source>Kết quả đã ghi: %1. Bấm nút khác để sửa.</source>
        <translation>Outcome saved: %1. Press another button to change it.</translation>
    </message>
    <message>
        <source>không kết nối được máy chủ của quận</source>
        <translation type="vanished">cannot reach the district server</translation>
    </message>
    <message>
        <source>máy chủ không nhận mã của máy này, cần báo CNTT</source>
        <translation type="vanished">the server does not accept this kiosk&apos;s token, tell IT</translation>
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
        <source>lỗi khác</source>
        <translation type="vanished">other error</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="679"/>
        <source>Chưa gửi: %1 bản ghi.</source>
        <translation>Not sent yet: %1 records.</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="681"/>
        <source>Máy này chưa được cài đặt để gửi qua mạng; có thể xuất ra USB.</source>
        <translation>This kiosk is not set up to send over the network; records can be exported to USB.</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="684"/>
        <source>Gửi được lần cuối: %1.</source>
        <translation>Last sent: %1.</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="687"/>
        <source>Chưa gửi được lần nào.</source>
        <translation>Nothing has been sent yet.</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="690"/>
        <source>Lỗi gần nhất (%1): %2.</source>
        <translation>Last error (%1): %2.</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="695"/>
        <source>Máy sẽ tự thử lại; dữ liệu vẫn được giữ an toàn.</source>
        <translation>The kiosk will try again by itself; the data is kept safe.</translation>
    </message>
    <message>
        <source>Máy chủ từ chối %1 bản ghi (giữ lại cho CNTT xem).</source>
        <translation type="vanished">The server refused %1 records (kept for IT to look at).</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="733"/>
        <source>Phiên bản %1, cập nhật ngày %2.</source>
        <translation>Version %1, updated %2.</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="746"/>
        <source>Không có lỗi nội dung.</source>
        <translation>No content problems.</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="747"/>
        <source>Lỗi cần báo CNTT:</source>
        <translation>Problems to report to IT:</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="766"/>
        <source>Mã tình nguyện viên có dạng TNV-07. Vui lòng sửa lại rồi bấm lần nữa.</source>
        <translation>A volunteer code looks like TNV-07. Please correct it and press again.</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="776"/>
        <source>Đã ghi cho lượt đang ở máy.</source>
        <translation>Marked for the visit at the kiosk.</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="781"/>
        <location filename="../../ui/volunteer_panel.py" line="822"/>
        <source>Đang ghi…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="785"/>
        <source>Đã ghi kết quả.</source>
        <translation>Outcome saved.</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="787"/>
        <source>Chưa ghi được kết quả. Vui lòng thử lại.</source>
        <translation>The outcome could not be saved. Please try again.</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="793"/>
        <source>Đã đặt lại. Máy đã về màn hình đầu.</source>
        <translation>Reset done. The kiosk is back at the start screen.</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="824"/>
        <source>Chưa ghi được báo cáo: nhật ký không mở được.</source>
        <translation>The report could not be recorded: the journal is not open.</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="830"/>
        <source>Đã ghi báo cáo nội dung sai; máy sẽ gửi về quận để kiểm tra lại.</source>
        <translation>The wrong-content report is recorded; the kiosk will send it to the district to re-check.</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="833"/>
        <source>Chưa ghi được báo cáo. Vui lòng thử lại.</source>
        <translation>The report could not be recorded. Please try again.</translation>
    </message>
    <message>
        <location filename="../../ui/volunteer_panel.py" line="863"/>
        <source>Chưa đọc được dữ liệu. Vui lòng thử lại.</source>
        <translation>The data could not be read. Please try again.</translation>
    </message>
</context>
</TS>
