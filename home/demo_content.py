"""Text of the demo site: the seed article from a provincial Department of Justice portal.

The article is public government news; it is kept word for word (including
the source's own typo "Chị thị") because the demo exists to show real content.
"""

SEED_ARTICLE_TITLE = "Ban Thường vụ Tỉnh ủy ban hành Chỉ thị về tăng cường sự lãnh đạo của Đảng đối với công tác hòa giải ở cơ sở"
SEED_ARTICLE_LEAD = "Ngày 23/9/2021, Ban Thường vụ Tỉnh ủy Sóc Trăng đã ban hành Chỉ thị số 05-CT/TU về tăng cường sự lãnh đạo của Đảng đối với công tác hòa giải ở cơ sở."
SEED_IMAGE_CAPTION = (
    "Hội nghị trực tuyến tập huấn nghiệp vụ cho lực lượng hòa giải viên ở cơ sở năm 2021"
)
SEED_ARTICLE_PARAGRAPHS = [
    (
        "Trong những năm qua, các cấp ủy, chính quyền trong tỉnh Sóc Trăng quan tâm lãnh đạo, chỉ đạo thực hiện tốt công tác hòa giải ở cơ sở và đã đạt được nhiều kết quả quan trọng, qua đó góp phần giữ vững an ninh, trật tự, an toàn xã hội ở địa phương, hạn chế chuyển các vụ việc tranh chấp đến các cơ quan, tổ chức có thẩm quyền giải quyết. Tuy nhiên, công tác hòa giải ở cơ sở vẫn còn khó khăn, hạn chế nhất định. Nhằm khắc phục những hạn chế và tiếp tục nâng cao chất lượng, hiệu quả hoạt động hòa giải ở cơ sở trên địa bàn tỉnh, Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy, tổ chức đảng, Mặt trận tổ quốc và các tổ chức chính trị -  xã hội các cấp quan tâm thực hiện tốt một số nhiệm vụ, giải pháp như: Các cấp ủy đảng, chính quyền tiếp tục lãnh đạo, chỉ đạo quán triệt, triển khai thực hiện nghiêm túc, có hiệu quả các chủ trương, quan điểm của Đảng, chính sách pháp luật của Nhà nước về công tác hòa giải ở cơ sở. Chú trọng việc lãnh đạo, chỉ đạo củng cố, kiện toàn, nâng cao chất lượng hoạt động của các tổ hòa giải; phấn đấu hằng năm có 95% tổ hòa giải được củng cố, kiện toàn và tỷ lệ hòa giải thành đạt từ 85% trở lên. Duy trì và nhân rộng mô hình bí thư chi bộ ấp, khóm đồng thời là tổ trưởng tổ hòa giải; Ủy ban nhân dân các cấp chủ trì, phối hợp với Ủy ban Mặt trận Tổ quốc Việt Nam cùng cấp chỉ đạo, hướng dẫn việc rà soát, đánh giá về tổ chức và hoạt động hòa giải ở cơ sở trên địa bàn. Quan tâm hỗ trợ tốt việc chi hỗ trợ đối với các tổ hòa giải và hòa giải viên; nghiên cứu thành lập thêm các tổ hòa giải ở những nơi có nhu cầu đáp ứng các điều kiện theo quy định; Ủy ban Mặt trận Tổ quốc Việt Nam và tổ chức chính trị - xã hội các cấp đẩy mạnh tuyên truyền, vận động đoàn viên, hội viên và Nhân dân chấp hành các quy định của pháp luật về hòa giải ở cơ sở, giải quyết các mâu thuẫn, tranh chấp bằng biện pháp hòa giải; chú trọng thực hiện có hiệu quả công tác dân vận trong hoạt động hòa giải ở cơ sở, lồng ghép hoạt động hòa giải ở cơ sở với các cuộc vận động và phong trào thi đua ở khu dân cư. Tăng cường huy động các tổ chức thành viên và vận động người có uy tín, các chức sắc tôn giáo, người có trình độ pháp lý, kiến thức xã hội, đại diện các cơ quan, tổ chức liên quan,... tham gia vào hoạt động hòa giải ở cơ sở; Ủy ban nhân dân các cấp thường xuyên theo dõi, kiểm tra công tác hòa giải ở cơ sở; định kỳ hằng năm, phối hợp với Ủy ban Mặt trận Tổ quốc Việt Nam cùng cấp giám sát thực hiện pháp luật về hòa giải ở cơ sở."
    ),
    (
        "Ban thường vụ Tỉnh ủy giao cấp ủy, tổ chức đảng, chính quyền, Mặt trận Tổ quốc và các tổ chức chính trị - xã hội có trách nhiệm lãnh đạo, chỉ đạo, tổ chức thực hiện tốt Chị thị này; Ban Tuyên giáo Tỉnh ủy chủ trì phối hợp với Báo Sóc Trăng, Đài phát thanh và Truyền hình Sóc Trăng, các cơ quan liên quan tăng cường công tác thông tin, tuyên truyền, phổ biến về công tác hòa giải ở cơ sở; Ban cán sự đảng Ủy ban nhân dân tỉnh chỉ đạo Sở Tư pháp và các cơ quan chuyên môn tham mưu xây dựng, ban hành kế hoạch cụ thể hóa các nội dung; chỉ đạo, hướng dẫn và tổ chức sơ kết, tổng kết công tác hòa giải ở cơ sở theo quy định và báo cáo về kết quả thực hiện."
    ),
    (
        "Có thể nói với những giải pháp cụ thể trên tin rằng công tác hòa giải ở cơ sở trên địa bàn tỉnh sẽ mang lại nhiều kết quả tích cực hơn nữa, góp phần vào việc bảo đảm ổn định trật tự, an toàn xã hội và phát triển chung của tỉnh."
    ),
]
SEED_ARTICLE_BYLINE = "Phòng PBGDPL"
