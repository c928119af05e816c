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

# --- Other languages ------------------------------------------------------------------------
# English and Khmer versions of the home page, the contact page, the seed article and its
# section, made through wagtail-localize: each maps a Vietnamese string to its translation.
# The English is the project's own demo translation, not an official one. The Khmer is a
# SHORT PLACEHOLDER written by the project and marked as such in the text itself
# ("អត្ថបទគំរូ", sample text); strings left out keep the Vietnamese text.
KHMER_PLACEHOLDER_NOTE = "(អត្ថបទគំរូ — មិនមែនជាការបកប្រែផ្លូវការទេ)"  # sample text, not official

TRANSLATIONS = {
    "en": {
        # Home page.
        "Sở Tư pháp tỉnh Sóc Trăng (demo)": "Department of Justice of Sóc Trăng Province (demo)",
        "trang-chu": "home",
        # Contact page.
        "Liên hệ": "Contact",
        "lien-he": "contact",
        "Địa chỉ, điện thoại và thư điện tử: xem phần chân trang.": (
            "Address, telephone and e-mail: see the footer."
        ),
        # The seed article's section.
        "Phổ biến, giáo dục pháp luật": "Legal dissemination and education",
        "pho-bien-giao-duc-phap-luat": "legal-education",
        # The seed article.
        SEED_ARTICLE_TITLE: (
            "Provincial Party Standing Committee issues a Directive on stronger Party "
            "leadership of grassroots mediation"
        ),
        "ban-thuong-vu-tinh-uy-ban-hanh-chi-thi-ve-hoa-giai-o-co-so": (
            "standing-committee-issues-directive-on-grassroots-mediation"
        ),
        SEED_ARTICLE_LEAD: (
            "On 23 September 2021 the Standing Committee of the Sóc Trăng Provincial Party "
            "Committee issued Directive No. 05-CT/TU on strengthening the Party's leadership "
            "of grassroots mediation."
        ),
        SEED_IMAGE_CAPTION: "Online training conference for grassroots mediators, 2021",
        SEED_ARTICLE_PARAGRAPHS[0]: (
            "In recent years, Party committees and authorities across Sóc Trăng province have "
            "led and directed grassroots mediation well, with important results: it has helped "
            "keep security, order and social safety in the localities and kept disputes from "
            "going to the competent bodies. Difficulties and limits remain, however. To "
            "overcome them and raise the quality and effectiveness of grassroots mediation, the "
            "Standing Committee asks Party committees and organisations, the Fatherland Front "
            "and socio-political organisations at every level to carry out a number of tasks: "
            "to keep implementing the Party's guidelines and the State's laws on grassroots "
            "mediation; to strengthen the mediation teams, aiming each year for 95% of them "
            "consolidated and a success rate of 85% or more; to keep and extend the model in "
            "which the hamlet Party cell secretary also leads the mediation team; for People's "
            "Committees, with the Fatherland Front, to review the organisation and work of "
            "grassroots mediation; to support mediation teams and mediators, and set up new "
            "teams where needed; for the Fatherland Front and socio-political organisations to "
            "encourage members and the people to follow the law on mediation and settle "
            "conflicts by mediation; and to involve respected people, religious dignitaries and "
            "people with legal knowledge. People's Committees are to monitor and inspect "
            "mediation work and, every year, supervise the application of the law on "
            "grassroots mediation together with the Fatherland Front."
        ),
        SEED_ARTICLE_PARAGRAPHS[1]: (
            "The Standing Committee charges Party committees and organisations, authorities, "
            "the Fatherland Front and socio-political organisations with implementing this "
            "Directive. The Propaganda Board of the Provincial Party Committee, with Sóc Trăng "
            "newspaper, Sóc Trăng Radio and Television and the bodies concerned, is to step up "
            "information about grassroots mediation; the Party delegation of the Provincial "
            "People's Committee is to direct the Department of Justice and the specialised "
            "agencies to draw up a plan that puts the Directive into practice, and to review "
            "and report on its results."
        ),
        SEED_ARTICLE_PARAGRAPHS[2]: (
            "With these concrete measures, grassroots mediation in the province can be expected "
            "to bring still more positive results, helping to keep order and social safety and "
            "to serve the province's development."
        ),
    },
    "km": {
        "Sở Tư pháp tỉnh Sóc Trăng (demo)": "មន្ទីរយុត្តិធម៌ខេត្តឃ្លាំង (គំរូ)",
        "Liên hệ": "ទំនាក់ទំនង",
        "Địa chỉ, điện thoại và thư điện tử: xem phần chân trang.": (
            "អាសយដ្ឋាន ទូរស័ព្ទ និងអ៊ីមែល៖ សូមមើលនៅខាងក្រោមទំព័រ។ " + KHMER_PLACEHOLDER_NOTE
        ),
        "Phổ biến, giáo dục pháp luật": "ការផ្សព្វផ្សាយ និងអប់រំច្បាប់",
        SEED_ARTICLE_TITLE: (
            "គណៈកម្មាធិការអចិន្ត្រៃយ៍គណៈបក្សខេត្តចេញសេចក្តីណែនាំស្តីពីការផ្សះផ្សានៅមូលដ្ឋាន " + KHMER_PLACEHOLDER_NOTE
        ),
        SEED_ARTICLE_LEAD: (
            "ថ្ងៃទី២៣ ខែកញ្ញា ឆ្នាំ២០២១ គណៈកម្មាធិការអចិន្ត្រៃយ៍គណៈបក្សខេត្តឃ្លាំងបានចេញ"
            "សេចក្តីណែនាំលេខ 05-CT/TU ស្តីពីការពង្រឹងការដឹកនាំលើការផ្សះផ្សានៅមូលដ្ឋាន។ " + KHMER_PLACEHOLDER_NOTE
        ),
        SEED_IMAGE_CAPTION: "វគ្គបណ្តុះបណ្តាលអ្នកផ្សះផ្សានៅមូលដ្ឋាន ឆ្នាំ២០២១",
        SEED_ARTICLE_PARAGRAPHS[0]: (
            "សេចក្តីណែនាំនេះស្នើឱ្យគ្រប់ថ្នាក់ពង្រឹងក្រុមផ្សះផ្សា និងដោះស្រាយវិវាទតាមរយៈ"
            "ការផ្សះផ្សា។ " + KHMER_PLACEHOLDER_NOTE
        ),
        SEED_ARTICLE_PARAGRAPHS[1]: (
            "មន្ទីរយុត្តិធម៌រៀបចំផែនការអនុវត្ត និងរាយការណ៍លទ្ធផល។ " + KHMER_PLACEHOLDER_NOTE
        ),
        SEED_ARTICLE_PARAGRAPHS[2]: (
            "វិធានការទាំងនេះនឹងជួយរក្សាសណ្តាប់ធ្នាប់ និងសុវត្ថិភាពសង្គមក្នុងខេត្ត។ " + KHMER_PLACEHOLDER_NOTE
        ),
    },
}
# What the site settings say in the other languages (their "Other languages" tab).
SETTINGS_TRANSLATIONS = {
    "en": {
        "organisation_name": "Department of Justice of Sóc Trăng Province (demo)",
        "governing_body": "People's Committee of Sóc Trăng Province",
        "licence_note": "A demonstration site, not an official portal.",
    },
    "km": {
        "organisation_name": "មន្ទីរយុត្តិធម៌ខេត្តឃ្លាំង (គំរូ)",
        "licence_note": KHMER_PLACEHOLDER_NOTE,
    },
}
