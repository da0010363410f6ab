"""What the interface says, in Vietnamese first and English."""
TEXT = {
    "app": ("Đồ thị tri thức chính sách y tế", "Health-policy knowledge graph"),
    "lang": ("Ngôn ngữ", "Language"),
    "nav.graph": ("Đồ thị", "Graph"), "nav.analysis": ("Phân tích", "Analysis"),
    "overview": ("Tổng quan", "Overview"), "cascade": ("Sơ đồ triển khai", "Cascade"),
    "queries": ("Truy vấn", "Queries"), "audit": ("Kiểm tra", "Audit"), "indicators": ("Chỉ tiêu", "Indicators"),
    "agencies": ("Cơ quan", "Agencies"), "document": ("Văn bản", "Document"),
    "held": ("Văn bản đã có toàn văn", "Documents held"), "cited_only": ("Chỉ được dẫn chiếu", "Cited only"),
    "indicator_concepts": ("Chỉ tiêu (khái niệm)", "Indicators (concepts)"), "targets": ("Giá trị chỉ tiêu", "Targets"),
    "tasks": ("Nhiệm vụ", "Tasks"), "agency_count": ("Cơ quan", "Agencies"),
    "by_level": ("Văn bản theo cấp", "Documents by level"), "by_province": ("Văn bản theo tỉnh", "Documents by province"),
    "last_loads": ("Lần nạp gần nhất", "Last loads"),
    "upload": ("Thêm văn bản (.txt, .md, .html, Word .docx, PDF, ảnh quét)",
               "Add documents (.txt, .md, .html, Word .docx, PDF, scanned images)"),
    "reading_pages": ("Đang đọc {name}: trang {done}/{total}", "Reading {name}: page {done}/{total}"),
    "page": ("Trang", "Page"), "page_short": ("tr.", "p."),
    "source_format": ("Định dạng nguồn", "Source format"),
    "format.docx": ("Word (.docx)", "Word (.docx)"), "format.pdf": ("PDF có lớp chữ", "PDF with a text layer"),
    "format.pdf-ocr": ("PDF quét, đọc bằng OCR", "Scanned PDF, read by OCR"),
    "format.image-ocr": ("Ảnh quét, đọc bằng OCR", "Scanned image, read by OCR"),
    "format.html": ("Trang web đã lưu", "Saved web page"),
    "ocr_note": ("Các trang đọc bằng OCR có thể sai dấu hoặc sai chữ; hãy đối chiếu với bản gốc theo số trang.",
                 "Pages read by OCR may have wrong diacritics or letters; check against the original by page number."),
    "load": ("Nạp vào đồ thị", "Load into the graph"), "loading": ("Đang nạp…", "Loading…"),
    "loaded": ("Đã nạp", "Loaded"), "replaced": ("Đã thay bản mới", "Replaced"), "unchanged": ("Không thay đổi", "Unchanged"),
    "root": ("Văn bản gốc", "Root document"), "edge_kinds": ("Quan hệ", "Relations"),
    "levels": ("Cấp", "Levels"), "provinces": ("Tỉnh", "Provinces"),
    "open_document": ("Mở văn bản", "Open document"), "no_cascade": ("Chưa có kế hoạch nào thực hiện văn bản này.",
                                                                     "No plan carries out this document yet."),
    "saved_query": ("Truy vấn mẫu", "Saved query"), "free_query": ("— Truy vấn SPARQL tự do —", "— Free SPARQL query —"),
    "sparql": ("Câu truy vấn SPARQL (có thể sửa)", "SPARQL (editable)"), "run": ("Chạy truy vấn", "Run query"),
    "rows": ("dòng", "rows"), "truncated": ("Chỉ hiện các dòng đầu.", "Only the first rows are shown."),
    "seconds": ("giây", "s"),
    "answer_kept": ("kết quả đã có sẵn (dữ liệu chưa thay đổi từ lần chạy trước)",
                    "answer kept (the data has not changed since it was computed)"),
    "share": ("Liên kết chia sẻ truy vấn này", "Link to share this query"),
    "bad_date": ("Ngày '{value}' trong liên kết không hợp lệ (cần dạng YYYY-MM-DD); dùng ngày hôm nay.",
                 "The date '{value}' in the link is not valid (YYYY-MM-DD expected); today is used."),
    "download_csv": ("Tải CSV", "Download CSV"), "download_xlsx": ("Tải Excel", "Download Excel"),
    "download_json": ("Tải JSON", "Download JSON"),
    "level": ("Cấp", "Level"), "auto": ("Tự động", "Automatic"), "province": ("Tỉnh (tùy chọn)", "Province (optional)"),
    "as_of": ("Theo bản đồ ngày (tùy chọn)", "Map as of (optional)"),
    "status.held": ("Đã có toàn văn", "Held"), "status.cited-only": ("Chỉ được dẫn chiếu", "Cited only"),
    "status.missing": ("Chưa có", "Missing"),
    "indicator": ("Chỉ tiêu", "Indicator"), "consistency": ("Chỉ tiêu thấp hơn kế hoạch cấp trên", "Targets weaker than the parent plan's"),
    "no_weaker": ("Không có chỉ tiêu nào thấp hơn kế hoạch cấp trên.", "No target is weaker than its parent plan's."),
    "agency": ("Cơ quan", "Agency"), "responsibilities": ("Trách nhiệm", "Responsibilities"),
    "metadata": ("Thông tin văn bản", "Document"), "implements": ("Thực hiện", "Implements"),
    "implemented_by": ("Được thực hiện bởi", "Implemented by"), "based_on": ("Căn cứ", "Based on"),
    "cites": ("Dẫn chiếu", "Cites"), "cited_by": ("Được dẫn chiếu bởi", "Cited by"),
    "source": ("Toàn văn, phần được trích xuất tô màu", "Source text, extracted passages highlighted"),
    "fact": ("Chọn một dữ kiện để xem trích dẫn", "Pick a fact to see its quote"),
    "no_facts": ("Văn bản này chưa có dữ kiện nào được trích xuất kèm trích dẫn.", "No fact with a quote was extracted from this document."),
    "demands": ("Được yêu cầu xây dựng kế hoạch", "Asked to issue their own plan"),
    "not_held": ("Chưa có toàn văn của văn bản này: chỉ biết qua trích dẫn.", "This document's text is not held: it is known from citations."),
    "settings": ("Cài đặt", "Settings"), "store": ("Kho dữ liệu", "Store"),
    "store.embedded": ("Oxigraph nhúng (thư mục)", "embedded Oxigraph (folder)"),
    "store.endpoint": ("điểm truy vấn SPARQL", "SPARQL endpoint"),
    "store.change": ("Dùng kho khác: thư mục hoặc URL SPARQL", "Use another store: folder or SPARQL URL"),
    "store.use": ("Chuyển kho", "Switch store"), "store.failed": ("Không mở được kho", "Cannot open the store"),
    "empty_store": ("Đồ thị chưa có văn bản nào. Hãy thêm văn bản ở trang Tổng quan.", "The graph holds no document yet. Add some on the Overview page."),
    "choose": ("Chọn…", "Choose…"), "yes": ("Có", "Yes"), "no": ("Không", "No"),
    "no_number": ("(chưa có số)", "(no number)"), "plans_as_evidence": ("Kế hoạch làm bằng chứng", "Plans as evidence"),
    "csv_sep": ("Dấu phân cách CSV", "CSV separator"),
    "csv_sep.help": ("Dấu phẩy (mặc định, số viết 18.02) hoặc chấm phẩy (số viết 18,02) cho Excel đặt vùng Việt Nam.",
                     "Comma (the default, numbers as 18.02) or semicolon (numbers as 18,02) for an Excel with "
                     "Vietnamese regional settings."),
    "csv_sep.comma": ("Dấu phẩy ( , )", "Comma ( , )"), "csv_sep.semicolon": ("Chấm phẩy ( ; )", "Semicolon ( ; )"),
    "upload.drop": ("Kéo thả tệp vào đây", "Drag and drop files here"),
    "upload.browse": ("Chọn tệp", "Browse files"),
    # table headers
    "col.document": ("Văn bản", "Document"), "col.level": ("Cấp", "Level"), "col.issuer": ("Cơ quan", "Issuer"),
    "col.date": ("Ngày", "Date"), "col.status": ("Tình trạng", "Status"), "col.file": ("Tệp", "File"),
    "col.loaded_at": ("Thời điểm nạp", "Loaded at"), "col.no": ("STT", "No."), "col.indicator": ("Chỉ tiêu", "Indicator"),
    "col.section": ("Mục", "Section"), "col.unit": ("Đơn vị", "Unit"), "col.kind": ("Loại", "Kind"),
    "col.year": ("Năm", "Year"), "col.comparator": ("So sánh", "Comparison"), "col.value": ("Giá trị", "Value"),
    "col.task": ("Nhiệm vụ", "Task"), "col.lead": ("Chủ trì", "Lead"), "col.coordinating": ("Phối hợp", "Coordinating"),
    "col.deadline": ("Thời hạn", "Deadline"), "col.agency": ("Cơ quan", "Agency"), "col.duties": ("Số nhiệm vụ", "Duties"),
    "col.quote": ("Trích dẫn", "Quote"), "col.locality": ("Địa phương", "Locality"), "col.code": ("Mã", "Code"),
    "col.evidence": ("Bằng chứng", "Evidence"), "col.today": ("Nay thuộc", "Today part of"),
    "col.n": ("Số văn bản", "Documents"), "col.province": ("Tỉnh", "Province"),
    # document metadata
    "meta.issuer": ("Cơ quan ban hành", "Issued by"), "meta.level": ("Cấp", "Level"), "meta.locality": ("Địa bàn", "Locality"),
    "meta.date": ("Ngày", "Date"), "meta.signer": ("Người ký", "Signed by"), "meta.file": ("Tệp nguồn", "Source file"),
    "meta.loaded": ("Nạp lúc", "Loaded at"),
    "cited_in": ("dẫn chiếu trong", "cited in"),
    "audit.caveat": ("'Chưa có' nghĩa là đồ thị chưa biết kế hoạch nào, không có nghĩa là địa phương chưa ban hành.",
                     "'Missing' means no plan is known to the graph, not that none exists."),
    "audit.headline": ("Kiểm tra: {root} — cấp {level} — bản đồ {map} (văn bản ngày {date})",
                       "Audit: {root} — {level} level — map {map} (document dated {date})"),
    "map.2025": ("từ 1/7/2025", "from 1 July 2025"), "map.pre2025": ("trước 1/7/2025", "before 1 July 2025"),
    # levels: an audit's (province, district) and an issuer's (the ontology's pkg:Levels notations)
    "level.province": ("Tỉnh", "Province"), "level.district": ("Huyện", "District"),
    "level.national-party": ("Trung ương Đảng", "National Party"), "level.national-government": ("Chính phủ", "National government"),
    "level.ministry": ("Bộ, ngành", "Ministry"), "level.national-assembly": ("Quốc hội", "National Assembly"),
    "level.provincial-council": ("HĐND tỉnh", "Provincial People's Council"), "level.provincial-party": ("Tỉnh ủy", "Provincial Party committee"),
    "level.provincial-people-committee": ("UBND tỉnh", "Provincial People's Committee"),
    "level.provincial-department": ("Sở, ngành tỉnh", "Provincial department"),
    "level.district-party": ("Huyện ủy", "District Party committee"),
    "level.district-people-committee": ("UBND huyện", "District People's Committee"),
    "level.district-health-centre": ("Trung tâm Y tế huyện", "District health centre"),
    "level.commune": ("Cấp xã", "Commune"), "level.unknown": ("Chưa rõ cấp", "Level unknown"),
    # what a highlighted passage of a document is (the ontology's classes)
    "kind.Document": ("Văn bản", "Document"), "kind.HeldDocument": ("Thông tin văn bản", "Document details"),
    "kind.Citation": ("Dẫn chiếu", "Citation"), "kind.IndicatorRow": ("Dòng chỉ tiêu", "Indicator row"),
    "kind.Target": ("Chỉ tiêu", "Target"), "kind.Baseline": ("Năm gốc", "Baseline"), "kind.Task": ("Nhiệm vụ", "Task"),
    "kind.Responsibility": ("Trách nhiệm", "Responsibility"), "kind.PlanDemand": ("Yêu cầu xây dựng kế hoạch", "Plan demand"),
    "kind.Agency": ("Cơ quan", "Agency"), "kind.AgencyGroup": ("Nhóm cơ quan", "Agency group"),
    "kind.CitedOnlyDocument": ("Văn bản được dẫn chiếu", "Cited document"), "kind.Signer": ("Người ký", "Signer"),
    "value.Chỉ tiêu": ("Chỉ tiêu", "Target"), "value.Năm gốc": ("Năm gốc", "Baseline"),
    "value.Không rõ": ("Không rõ", "Unknown"),
    # errors, by code (queries.QueryError.code, graph.audit.AuditError.code; ParseError and StoreError by PATTERNS)
    "error": ("Lỗi", "Error"),
    "error.query.syntax": ("Lỗi cú pháp SPARQL ở dòng {line}{column_text}: «{near}»",
                           "SPARQL syntax error on line {line}{column_text}: «{near}»"),
    "error.query.syntax_nowhere": ("Lỗi cú pháp SPARQL", "SPARQL syntax error"),
    "error.column": (", cột {column}", ", column {column}"),
    "error.query.update_refused": ("Chỉ cho phép truy vấn đọc (SELECT, ASK, CONSTRUCT, DESCRIBE); câu lệnh cập nhật bị từ chối.",
                                   "Only reading queries are allowed (SELECT, ASK, CONSTRUCT, DESCRIBE); updates are refused."),
    "error.query.remote_refused": ("Truy vấn gửi yêu cầu tới máy chủ khác (SERVICE hoặc LOAD) bị từ chối; chỉ quản trị viên được cho phép.",
                                   "Queries that send requests to other servers (SERVICE or LOAD) are refused; only an admin may allow them."),
    "error.query.timeout": ("Truy vấn vượt quá giới hạn thời gian và đã bị dừng.", "The query ran past its time limit and was stopped."),
    "error.query.worker_died": ("Tiến trình truy vấn dừng bất thường; hãy chạy lại.", "The query process stopped unexpectedly; run it again."),
    "error.query.failed": ("Truy vấn không chạy được: {detail}", "The query could not run: {detail}"),
    "error.query.unknown": ("Không có truy vấn '{name}'; có: {known}", "No saved query '{name}'; there are: {known}"),
    "error.param.unknown": ("Tham số không có trong truy vấn {query}: {names}", "Parameters not in query {query}: {names}"),
    "error.param.missing": ("Thiếu tham số {name}", "Parameter {name} is missing"),
    "error.param.date": ("Tham số {name}: '{value}' không phải ngày (năm-tháng-ngày, ví dụ 2025-12-31)",
                         "Parameter {name}: '{value}' is not a date (year-month-day, e.g. 2025-12-31)"),
    "error.param.year": ("Tham số {name}: '{value}' không phải năm", "Parameter {name}: '{value}' is not a year"),
    "error.param.integer": ("Tham số {name}: '{value}' không phải số nguyên", "Parameter {name}: '{value}' is not a whole number"),
    "error.param.choice": ("Tham số {name}: '{value}' không hợp lệ; chọn một trong: {allowed}",
                           "Parameter {name}: '{value}' is not allowed; choose one of: {allowed}"),
    "error.param.province": ("Tham số {name}: không có tỉnh, thành phố '{value}'", "Parameter {name}: no province or city '{value}'"),
    "error.param.indicator": ("Tham số {name}: không có chỉ tiêu '{value}'; ví dụ: {examples}",
                              "Parameter {name}: no indicator '{value}'; for example: {examples}"),
    "error.param.type": ("Tham số {name}: kiểu {type} không được hỗ trợ", "Parameter {name}: type {type} is not supported"),
    "error.audit.no_document": ("Không có văn bản '{root}' trong đồ thị", "No document '{root}' in the graph"),
    "error.audit.no_districts": ("Bản đồ từ 1/7/2025 không còn cấp huyện: chỉ kiểm tra được cấp tỉnh",
                                 "The map from 1 July 2025 has no districts: only the province level can be audited"),
    "error.audit.no_province": ("Không có tỉnh, thành phố '{province}'", "No province or city '{province}'"),
    "error.audit.no_district_demand": ("{root} không yêu cầu cấp huyện xây dựng kế hoạch (không có câu 'UBND các huyện … xây dựng kế hoạch')",
                                       "{root} does not ask districts to issue plans (no clause 'UBND các huyện … xây dựng kế hoạch')"),
    "error.no_loaded_document": ("Không có văn bản đã nạp '{ref}'", "No loaded document '{ref}'"),
    "error.no_document": ("Không có văn bản '{ref}' trong đồ thị", "No document '{ref}' in the graph"),
    "error.need_output": ("--format xlsx cần -o TỆP.xlsx", "--format xlsx needs -o FILE.xlsx"),
    "error.param_syntax": ("--param nhận dạng khóa=giá trị, không phải '{pair}'", "--param takes key=value, not '{pair}'"),
    "error.need_query": ("Hãy nêu tên một truy vấn mẫu (policykg queries) hoặc dùng --file",
                         "Name a saved query (policykg queries) or give --file"),
    # ParseError problems (loaders/, matched by PATTERNS below)
    "error.parse.empty": ("tệp rỗng", "empty file"),
    "error.parse.too_large": ("tệp quá lớn ({size} MB; giới hạn {limit} MB)", "file too large ({size} MB; the limit is {limit} MB)"),
    "error.parse.binary": ("tệp nhị phân, không phải văn bản", "binary file, not text"),
    "error.parse.encoding": ("không phải văn bản UTF-8 hoặc UTF-16 (byte {byte} không hợp lệ ở vị trí {offset}); hãy lưu tệp dạng UTF-8",
                             "not UTF-8 or UTF-16 text (invalid byte {byte} at offset {offset}); save the file as UTF-8"),
    "error.parse.folder": ("là một thư mục, không phải tệp", "is a folder, not a file"),
    "error.parse.no_file": ("không có tệp này", "no such file"),
    "error.parse.unreadable": ("không đọc được tệp ({detail})", "cannot be read ({detail})"),
    "error.parse.news": ("một bản tin về văn bản {doc}, không phải chính văn bản đó; hãy nạp toàn văn của văn bản",
                         "a news item about {doc}, not the document itself; load the document's own text"),
    "error.parse.not_policy": ("không phải văn bản chính sách (không thấy loại văn bản, số hiệu, trích dẫn hay đề mục)",
                               "not a policy document (no document kind, number, citation or section heading found)"),
    "error.parse.ocr_missing": ("trang quét cần OCR: hãy cài Tesseract với gói tiếng Việt",
                                "scanned pages need OCR: install Tesseract with its Vietnamese model"),
    "error.parse.ocr_failed": ("OCR không chạy được ({detail})", "OCR failed ({detail})"),
    "error.parse.pdf_corrupt": ("tệp PDF hỏng hoặc bị cắt ({detail})", "corrupt or truncated PDF ({detail})"),
    "error.parse.pdf_truncated": ("tệp PDF bị cắt (thiếu phần cuối tệp); bản tải hoặc bản sao chưa trọn",
                                  "truncated PDF (no end-of-file marker); the download or copy was cut short"),
    "error.parse.pdf_encrypted": ("PDF có mật khẩu; hãy lưu một bản không khóa rồi nạp bản đó",
                                  "encrypted PDF (password protected); save an unprotected copy and load that"),
    "error.parse.pdf_page": ("trang {page} của PDF bị hỏng ({detail})", "corrupt PDF page {page} ({detail})"),
    "error.parse.pdf_no_text": ("PDF không có chữ", "no text in the PDF"),
    "error.parse.pdf_no_text_ocr": ("PDF không có chữ (OCR cũng không đọc được gì)", "no text found in the PDF (OCR read nothing either)"),
    "error.parse.image_corrupt": ("ảnh hỏng hoặc không đọc được ({detail})", "corrupt or unreadable image ({detail})"),
    "error.parse.image_no_text": ("không thấy chữ trong ảnh (OCR không đọc được gì)", "no text found in the image (OCR read nothing)"),
    "error.parse.word_corrupt": ("tệp Word bị hỏng ({detail})", "corrupt Word file ({detail})"),
    "error.parse.zip_corrupt": ("tệp ZIP/Word bị hỏng hoặc bị cắt (không đọc được nội dung)",
                                "corrupt or truncated ZIP/Word file (cannot read its contents)"),
    "error.parse.odt": ("không hỗ trợ tệp OpenDocument (.odt); hãy lưu thành .docx hoặc PDF",
                        "OpenDocument text (.odt) is not supported; save it as .docx or PDF"),
    "error.parse.excel": ("đây là bảng tính Excel, không phải văn bản chính sách; hãy lưu văn bản thành .docx hoặc PDF",
                          "an Excel workbook, not a policy document; save the document as .docx or PDF"),
    "error.parse.zip": ("đây là tệp nén ZIP, không phải tệp Word (.docx); hãy giải nén rồi nạp các văn bản bên trong",
                        "a ZIP archive, not a Word document (.docx); unpack it and load the documents inside"),
    "error.parse.doc": ("tệp Word 97-2003 (.doc) không được hỗ trợ; hãy lưu thành .docx hoặc PDF",
                        "a Word 97-2003 (.doc) file, not supported; save it as .docx or PDF"),
    "error.parse.rtf": ("tệp RTF không được hỗ trợ; hãy lưu thành .docx hoặc PDF", "an RTF file, not supported; save it as .docx or PDF"),
    "error.parse.html": ("không đọc được trang HTML ({detail})", "unreadable HTML ({detail})"),
    "error.parse.html_empty": ("trang web không có chữ", "no text in the web page"),
    "error.parse.unknown": ("không đọc được tệp: {detail}", "the file cannot be read: {detail}"),
    # StoreError messages (graph/store.py), matched by PATTERNS below
    "error.store.is_file": ("{path}: là một tệp, không phải thư mục kho dữ liệu", "{path}: is a file, not a store folder"),
    "error.store.not_store": ("{path}: thư mục này không phải kho dữ liệu policykg", "{path}: this folder is not a policykg store"),
    "error.store.no_store": ("{path}: chưa có kho dữ liệu ở đây; hãy chạy `policykg load` trước",
                             "{path}: no policykg store here yet; run `policykg load` first"),
    "error.store.cannot_open": ("{path}: không mở được kho dữ liệu ({detail})", "{path}: cannot open the store ({detail})"),
    "error.store.read_only": ("{path}: kho được mở chỉ để đọc", "{path}: opened read-only"),
    "error.store.endpoint": ("{url}: không kết nối được điểm truy vấn SPARQL ({detail})", "{url}: cannot reach the SPARQL endpoint ({detail})"),
    # documents replaced, amended, repealed (graph/history.py) and coverage of a parent's tasks (graph/coverage.py)
    "history": ("Hiệu lực và lịch sử", "Status and history"),
    "history.state.in-force": ("Còn hiệu lực", "In force"), "history.state.not-yet": ("Chưa có hiệu lực", "Not yet in force"),
    "history.state.replaced": ("Đã bị thay thế", "Replaced"), "history.state.repealed": ("Đã bị bãi bỏ", "Repealed"),
    "history.state.expired": ("Đã hết hiệu lực", "No longer in force"),
    "history.on": ("Tình trạng ngày {date}", "Status on {date}"),
    "history.entry": ("Có hiệu lực từ", "In force from"), "history.end": ("Hết hiệu lực từ", "No longer in force from"),
    "history.instead": ("Văn bản có hiệu lực thay thế", "In force in its place"),
    "history.changed_by": ("Bị thay đổi bởi", "Changed by"), "history.changes": ("Văn bản này thay đổi", "This document changes"),
    "history.none": ("Không có văn bản nào thay thế, sửa đổi hay bãi bỏ văn bản này trong đồ thị.",
                     "No document in the graph replaces, amends or repeals this one."),
    "history.kind.replaces": ("Thay thế", "Replaces"), "history.kind.amends": ("Sửa đổi, bổ sung", "Amends"),
    "history.kind.repeals": ("Bãi bỏ", "Repeals"),
    "kind.Change": ("Thay thế, sửa đổi, bãi bỏ văn bản khác", "Replaces, amends or repeals a document"),
    "coverage": ("Nhiệm vụ của kế hoạch cấp trên", "The parent plan's tasks"),
    "coverage.headline": ("{child} so với {parent}: nhận {taken} / {total} nhiệm vụ giao cho cấp này, bỏ sót {left}",
                          "{child} against {parent}: takes up {taken} of {total} tasks given to this level, leaves out {left}"),
    "coverage.scope_all": ("Kế hoạch cấp trên không giao nhiệm vụ nào đích danh cho cấp này: so với mọi nhiệm vụ của nó.",
                           "The parent plan gives no task to this level by name: compared with all its tasks."),
    "coverage.method": ("Khớp theo cơ quan chủ trì và độ giống nội dung (RapidFuzz, ngưỡng {threshold}/100, chọn trên các cặp gán nhãn tay).",
                        "Matched by lead agency and text similarity (RapidFuzz, threshold {threshold}/100, chosen on hand-labelled pairs)."),
    "coverage.no_parent": ("Văn bản này không thực hiện văn bản nào đã có toàn văn.", "This document carries out no document whose text is held."),
    "coverage.taken-up": ("Đã nhận", "Taken up"), "coverage.left-out": ("Bỏ sót", "Left out"),
    "coverage.col.status": ("Tình trạng", "Status"), "coverage.col.parent_no": ("STT cấp trên", "Parent no."),
    "coverage.col.parent_task": ("Nhiệm vụ của cấp trên", "Parent's task"), "coverage.col.parent_lead": ("Giao cho", "Given to"),
    "coverage.col.child_no": ("STT", "No."), "coverage.col.child_task": ("Nhiệm vụ gần nhất của kế hoạch này", "Closest task of this plan"),
    "coverage.col.score": ("Độ giống", "Similarity"),
    # due dates of the plans a root asks for, and the audit's timeliness (graph/timeliness.py)
    "audit.as_of_status": ("Tình hình đến ngày", "Status as of"),
    "audit.due_line": ("Hạn ban hành kế hoạch: {due} («{written}»)", "Plan due: {due} («{written}»)"),
    "audit.no_due": ("Văn bản không nêu hạn ban hành kế hoạch cho cấp này", "The document gives this level no due date for its plan"),
    "col.due": ("Hạn ban hành KH", "Plan due"), "col.plan_date": ("Ngày kế hoạch", "Plan date"),
    "col.timeliness": ("Tiến độ", "Timeliness"),
    "due.on-time": ("Đúng hạn", "On time"), "due.late": ("Chậm {n} ngày", "Late by {n} days"),
    "due.overdue": ("Chưa có, quá hạn {n} ngày", "Missing, overdue by {n} days"),
    "due.not-yet-due": ("Chưa đến hạn", "Not yet due"), "due.no-due-date": ("Không nêu hạn", "No due date"),
    "due.undated": ("Có kế hoạch, chưa rõ ngày", "Plan known, date unknown"),
    "kind.PlanDue": ("Hạn ban hành kế hoạch", "Plan due date"),
    "duecount.on-time": ("Đúng hạn", "On time"), "duecount.late": ("Chậm", "Late"),
    "duecount.overdue": ("Chưa có, quá hạn", "Missing and overdue"), "duecount.not-yet-due": ("Chưa đến hạn", "Not yet due"),
    "duecount.no-due-date": ("Không nêu hạn", "No due date"), "duecount.undated": ("Chưa rõ ngày", "Date unknown"),
    "error.audit.communes_2025": ("Cấp xã chỉ kiểm tra được trên bản đồ từ 1/7/2025",
                                  "The commune level can only be audited on the map from 1 July 2025"),
    "error.audit.bad_date": ("Ngày không hợp lệ: '{date}' (viết dd/mm/yyyy)", "Not a date: '{date}' (write dd/mm/yyyy)"),
    # -- the audit as a work tool (issue 15.4): filter, counts per province, map, Word report
    "audit.status_filter": ("Lọc theo tình trạng", "Filter by status"),
    "audit.by_province": ("Số địa phương theo tỉnh", "Localities by province"),
    "audit.need_province": ("Cấp huyện: hãy chọn một tỉnh để xem từng huyện; bảng dưới đây đếm các huyện theo tỉnh.",
                            "District level: choose a province to see its districts; the table below counts the districts by province."),
    "audit.map": ("Bản đồ kiểm tra", "Audit map"),
    "audit.map_era": ("Bản đồ hành chính", "Administrative map"),
    "audit.map_era.auto": ("Theo ngày văn bản", "As of the document's date"),
    "audit.map.not_audited": ("Không thuộc phạm vi kiểm tra", "Not in this audit"),
    "audit.map.districts": ("Các huyện của {province}", "The districts of {province}"),
    "audit.map.no_district_shapes": ("Không có ranh giới huyện dưới giấy phép mở: mỗi ô là một huyện, xếp theo tên.",
                                     "No district boundaries under an open licence: each tile is one district, in name order."),
    "audit.map.source": ("Ranh giới tỉnh: Natural Earth (phạm vi công cộng), đơn giản hóa; tỉnh từ 1/7/2025 ghép từ các tỉnh cũ.",
                         "Province boundaries: Natural Earth (public domain), simplified; provinces from 1 July 2025 merged from the old ones."),
    "audit.map.counts": ("{held} đã có toàn văn, {cited} chỉ được dẫn chiếu, {missing} chưa có",
                         "{held} held, {cited} cited only, {missing} missing"),
    "audit.map.paracel": ("Quần đảo Hoàng Sa (Đà Nẵng)", "Hoàng Sa (Paracel) Islands (Đà Nẵng)"),
    "audit.map.spratly": ("Quần đảo Trường Sa (Khánh Hòa)", "Trường Sa (Spratly) Islands (Khánh Hòa)"),
    "audit.report.title": ("Báo cáo kiểm tra việc ban hành kế hoạch thực hiện {root}", "Report: which localities have a plan carrying out {root}"),
    "audit.report.date": ("Ngày lập báo cáo: {date}", "Report date: {date}"),
    "audit.report.root": ("Văn bản gốc: {root} — {title}", "Root document: {root} — {title}"),
    "audit.report.scope": ("Phạm vi: cấp {level}, bản đồ hành chính {map} (theo ngày văn bản {as_of})",
                           "Scope: {level} level, administrative map {map} (the document's date, {as_of})"),
    "audit.report.counts": ("Tổng hợp", "Summary"), "audit.report.table": ("Chi tiết theo địa phương", "By locality"),
    "audit.report.evidence": ("Trích dẫn làm bằng chứng", "Evidence quotes"),
    "audit.report.filtered": ("Bảng chỉ gồm các địa phương có tình trạng: {statuses}", "The table holds only the localities whose status is: {statuses}"),
    "audit.report.no_evidence": ("Chưa có kế hoạch nào làm bằng chứng.", "No plan serves as evidence yet."),
    "audit.report.number": ("Số lượng", "Number"),
    "download_docx": ("Tải báo cáo Word", "Download Word report"),
    "error.audit.need_province": ("Cấp huyện cần một tỉnh: thêm --province TỈNH (hoặc --by-province để đếm các huyện theo tỉnh)",
                                  "The district level needs a province: add --province PROVINCE (or --by-province to count the districts by province)"),
    "error.need_output_docx": ("--format docx cần -o TỆP.docx", "--format docx needs -o FILE.docx"),
    # the cascade page's tree and the document page's cited-only title (issue 15, items 1 and 7)
    "cascade.tree": ("Cây triển khai", "Cascade tree"),
    "cascade.tree_download": ("Tải cây (.txt) để in", "Download the tree (.txt) to print"),
    "cited_title": ("Trích yếu theo văn bản dẫn chiếu", "Title as the citing document states it"),
    "cascade.hint": ("Bấm vào một văn bản để mở trang của nó; cuộn để phóng to, kéo để di chuyển.",
                     "Click a document to open its page; scroll to zoom, drag to move."),
    # the queries page's questions and the full-text search (issue 15, items 5 and 6)
    "queries.intro": ("Chọn một câu hỏi, điền thông tin rồi bấm «Chạy truy vấn». Câu truy vấn SPARQL ở cuối trang, cho người cần sửa.",
                      "Pick a question, fill in its details and press «Run query». The SPARQL is at the bottom, for those who edit it."),
    "question": ("Câu hỏi", "Question"),
    "sparql.show": ("Câu truy vấn SPARQL (xem và sửa)", "The SPARQL query (view and edit)"),
    "sparql.hint": ("Sửa trực tiếp; chữ được tô màu theo cú pháp SPARQL. Ctrl+Enter để chạy.",
                    "Edit in place; the text is coloured by SPARQL syntax. Ctrl+Enter runs it."),
    "share.copy": ("Sao chép liên kết", "Copy link"), "share.copied": ("Đã sao chép", "Copied"),
    "share.today": ("Ngày để trống giữ nghĩa «hôm nay» khi mở liên kết vào hôm khác.",
                    "A date left at its default stays «today» when the link is opened another day."),
    "open_hint": ("Bấm vào số hiệu văn bản để mở văn bản.", "Click a document number to open the document."),
    "search": ("Tìm kiếm", "Search"),
    "search.box": ("Tìm trong toàn văn các văn bản đã có (gõ có dấu hay không dấu đều được)",
                   "Search the full text of the documents held (with or without diacritics)"),
    "search.placeholder": ("ví dụ: y te co so", "e.g. y te co so"),
    "search.limit": ("Số đoạn tối đa", "Passages at most"),
    "search.go": ("Tìm", "Search"),
    "search.none": ("Không tìm thấy đoạn nào chứa mọi từ đã gõ.", "No passage holds every word typed."),
    "search.count": ("{n} đoạn, phù hợp nhất trước", "{n} passages, best first"),
    "search.approximate": ("khớp gần đúng (văn bản có thể có lỗi OCR)", "approximate match (the text may have OCR errors)"),
    "search.open": ("Mở văn bản tại đoạn này", "Open the document at this passage"),
    "search.hit": ("Đoạn tìm thấy", "Passage found"),
    "search.col.rank": ("Hạng", "Rank"), "search.col.document": ("Văn bản", "Document"),
    "search.col.title": ("Trích yếu", "Title"), "search.col.passage": ("Đoạn", "Passage"),
    "search.col.start": ("Từ ký tự", "From character"), "search.col.end": ("Đến ký tự", "To character"),
    "search.col.score": ("Điểm", "Score"),
    "error.search.index": ("Không đọc hoặc ghi được chỉ mục tìm kiếm {path} ({detail})",
                           "The search index {path} cannot be read or written ({detail})"),
    # the query workers' pool (queries/runner.py): every worker busy until the query's limit
    "error.query.busy": ("Máy chủ đang bận (nhiều người đang truy vấn cùng lúc): truy vấn đã chờ trong hàng đợi "
                         "hết giới hạn thời gian mà chưa chạy. Hãy chạy lại sau ít phút.",
                         "The server is busy (many people are querying at once): the query waited in the queue "
                         "for its whole time limit and never ran. Run it again in a few minutes."),
    # ParseError: limits on hostile and huge files (loaders/limits.py)
    "error.parse.too_many_pages": ("quá nhiều trang ({pages}; giới hạn {limit} trang)", "too many pages ({pages}; the limit is {limit})"),
    "error.parse.word_unpacked": ("tệp Word khi giải nén quá lớn ({size} MB; giới hạn {limit} MB)",
                                  "the Word file unpacks to too much ({size} MB; the limit is {limit} MB)"),
    "error.parse.pdf_unpacked": ("nội dung nén của PDF khi giải nén quá lớn (hơn {limit} MB)",
                                 "the PDF's compressed content unpacks to too much (over {limit} MB)"),
    "error.parse.zip_unsupported": ("tệp ZIP/Word được nén theo cách không đọc được (phiên bản zip hoặc kiểu nén không hỗ trợ); hãy lưu lại thành .docx",
                                    "a ZIP/Word file packed in a way that cannot be read (unsupported zip version or compression); "
                                    "save it again as .docx"),
    "error.parse.time_limit": ("đọc tệp quá lâu (vượt giới hạn {seconds} giây cho tệp cỡ này)",
                               "took too long to read (over the limit of {seconds} s for a file of this size)"),
    "error.parse.memory": ("tệp quá lớn, không đủ bộ nhớ để đọc", "too large to read in the memory available"),
    "error.parse.nested": ("tệp lồng nhau quá sâu, không đọc được", "nested too deeply to read"),
    "error.load.clash": ("văn bản {doc} đã có từ một tệp khác ({other}); văn bản đang có được giữ nguyên "
                         "(nạp với --replace, hoặc chọn Thay thế, để thay)",
                         "document {doc} is already held from another file ({other}); the held one is kept "
                         "(load with --replace, or choose Replace, to replace it)"),
    "clash.question": ("{name}: văn bản {doc} đã có từ tệp {other}. Thay văn bản đang có bằng tệp này?",
                       "{name}: document {doc} is already held from file {other}. Replace it with this file?"),
    "clash.replace": ("Thay thế", "Replace"),
    "clash.keep": ("Giữ văn bản đang có", "Keep the existing one"),
    "clash.kept": ("{name}: đã giữ văn bản đang có {doc}", "{name}: kept the existing {doc}"),
    # the cascade network's levels and relations (app/render.py: legend, edge tooltips, filters)
    "cascade.group.national": ("Trung ương", "National"), "cascade.group.province": ("Cấp tỉnh", "Province"),
    "cascade.group.district": ("Cấp huyện", "District"), "cascade.group.commune": ("Cấp xã", "Commune"),
    "cascade.group.health-centre": ("Trung tâm Y tế huyện", "District health centre"),
    "cascade.group.unknown": ("Chưa rõ cấp", "Level unknown"),
    "cascade.edge.implements": ("thực hiện", "implements"), "cascade.edge.based_on": ("căn cứ", "based on"),
    "cascade.edge.cites": ("dẫn chiếu", "cites"),
    # the indicators page's day for comparing targets (target_consistency's in_force_on)
    "indicators.in_force_on": ("Chỉ so các kế hoạch còn hiệu lực ngày", "Compare only the plans in force on"),
    "indicators.in_force_on.help": ("Để trống: so mọi kế hoạch. Một kế hoạch đã bị thay thế, bãi bỏ hay hết hiệu lực "
                                    "trước ngày này, hoặc chưa có hiệu lực, không được so.",
                                    "Empty: every plan is compared. A plan replaced, repealed or expired by that day, "
                                    "or not yet in force, is left out."),
    # the audit's acceptance review (issue 16): the level in a sentence ('cấp xã', not 'cấp cấp
    # xã'), the root's date named as such, one day in English
    "audit.level_words.province": ("tỉnh", "province"), "audit.level_words.district": ("huyện", "district"),
    "audit.level_words.commune": ("xã", "commune"),
    "due.late.one": ("Chậm 1 ngày", "Late by 1 day"), "due.overdue.one": ("Chưa có, quá hạn 1 ngày", "Missing, overdue by 1 day"),
    # Streamlit's own link for keyboard users (app/widgets.py streamlit_words)
    "skip_to_content": ("Chuyển đến nội dung chính", "Skip to main content"),
    "page_not_found": ("Không có trang này", "Page not found"),
    "page_not_found.text": ("Địa chỉ này không ứng với trang nào của ứng dụng: đang mở trang Tổng quan.",
                            "This address is no page of the app: the Overview page is shown instead."),
    "close": ("Đóng", "Close"),
    # the audit page at the commune level within one province (map of 2025): its communes as tiles
    "audit.map.communes": ("Các xã, phường, đặc khu của {province}", "The communes, wards and special zones of {province}"),
    "audit.map.no_commune_shapes": ("Không có ranh giới xã dưới giấy phép mở: mỗi ô là một xã, phường hoặc đặc khu, "
                                    "xếp theo tên.",
                                    "No commune boundaries under an open licence: each tile is one commune, ward or "
                                    "special zone, in name order."),
}

# The loaders' ParseError (loaders/, which keeps its English messages and has no code) and the
# store's StoreError: each known problem matched by a pattern, to a key of TEXT with its values.
PATTERNS = [
    ("error.parse.empty", r"empty file"),
    ("error.parse.too_large", r"file too large \((?P<size>\d+) MB; the limit is (?P<limit>\d+) MB\)"),
    ("error.parse.binary", r"binary file, not text"),
    ("error.parse.folder", r"is a folder, not a file"),
    ("error.parse.no_file", r"no such file"),
    ("error.parse.unreadable", r"cannot be read \((?P<detail>.*)\)"),
    ("error.parse.news", r"a news item about (?P<doc>\S+), not the document itself\b.*"),
    ("error.parse.not_policy", r"not a policy document\b.*"),
    ("error.parse.ocr_missing", r"scanned pages need OCR\b.*"),
    ("error.parse.ocr_failed", r"OCR failed \((?P<detail>.*)\)"),
    ("error.parse.pdf_truncated", r"truncated PDF \(no end-of-file marker\).*"),
    ("error.parse.pdf_encrypted", r"encrypted PDF\b.*"),
    ("error.parse.pdf_page", r"corrupt PDF page (?P<page>\d+) \((?P<detail>.*)\)"),
    ("error.parse.pdf_corrupt", r"corrupt (?:or truncated )?PDF \((?P<detail>.*)\)"),
    ("error.parse.pdf_no_text_ocr", r"no text found in the PDF \(OCR read nothing either\)"),
    ("error.parse.pdf_no_text", r"no text in the PDF"),
    ("error.parse.image_corrupt", r"corrupt or unreadable image \((?P<detail>.*)\)"),
    ("error.parse.image_no_text", r"no text found in the image\b.*"),
    ("error.parse.zip_corrupt", r"corrupt or truncated ZIP/Word file\b.*"),
    ("error.parse.word_corrupt", r"corrupt Word file \((?P<detail>.*)\)"),
    ("error.parse.odt", r"OpenDocument text \(\.odt\) is not supported\b.*"),
    ("error.parse.excel", r"an Excel workbook, not a policy document\b.*"),
    ("error.parse.zip", r"a ZIP archive, not a Word document\b.*"),
    ("error.parse.doc", r"a Word 97-2003 \(\.doc\) file\b.*"),
    ("error.parse.rtf", r"an RTF file, not supported\b.*"),
    ("error.parse.html", r"unreadable HTML \((?P<detail>.*)\)"),
    ("error.parse.html_empty", r"no text in the web page"),
    ("error.parse.encoding", r"not UTF-8 or UTF-16 text \(invalid byte (?P<byte>0x[0-9a-f]+) at offset (?P<offset>\d+)\).*"),
    ("error.store.is_file", r"(?P<path>.+): is a file, not a store folder"),
    ("error.store.not_store", r"(?P<path>.+): this folder is not a policykg store\b.*"),
    ("error.store.no_store", r"(?P<path>.+): no policykg store here yet\b.*"),
    ("error.store.cannot_open", r"(?P<path>.+): cannot open the store \((?P<detail>.*)\)"),
    ("error.store.read_only", r"(?P<path>.+): opened read-only"),
    ("error.store.endpoint", r"(?P<url>.+): cannot reach the SPARQL endpoint \((?P<detail>.*)\)"),
    ("error.parse.too_many_pages", r"too many pages \((?P<pages>\d+); the limit is (?P<limit>\d+)\)"),
    ("error.parse.word_unpacked", r"the Word file unpacks to too much \((?P<size>\d+) MB; the limit is (?P<limit>\d+) MB\)"),
    ("error.parse.pdf_unpacked", r"the PDF's compressed content unpacks to too much \(over (?P<limit>\d+) MB\)"),
    ("error.parse.zip_unsupported", r"a ZIP/Word file packed in a way that cannot be read\b.*"),
    ("error.parse.time_limit", r"took too long to read \(over the limit of (?P<seconds>\d+) s for a file of this size\)"),
    ("error.parse.memory", r"too large to read in the memory available"),
    ("error.parse.nested", r"nested too deeply to read"),
    ("error.load.clash", r"document (?P<doc>\S+) is already held from another file \((?P<other>.*)\); the held one is kept\b.*"),
]


def t(key: str, lang: str = "vi") -> str:
    vi, en = TEXT.get(key, (key, key))
    return en if lang == "en" else vi


def level_label(code: str | None, lang: str = "vi") -> str:
    """An issuer's or an audit's level ('provincial-people-committee', 'province') in words."""
    return t(f"level.{code}", lang) if f"level.{code}" in TEXT else (code or t("level.unknown", lang))


def value_label(text, lang: str = "vi"):
    """A Vietnamese value the graph stores ('Chỉ tiêu', 'Năm gốc') in the user's language."""
    return t(f"value.{text}", lang) if isinstance(text, str) and f"value.{text}" in TEXT else text


def _match(message: str) -> tuple[str, dict] | None:
    import re

    for key, pattern in PATTERNS:
        m = re.fullmatch(pattern, message.strip(), re.DOTALL)
        if m:
            return key, m.groupdict()
    return None


def message_text(message: str, lang: str = "vi") -> str:
    """A known English message ('<file>: <problem>' of a ParseError, a StoreError) in the user's language."""
    hit = _match(message)
    if hit:
        return t(hit[0], lang).format(**hit[1])
    parts = message.split(": ")
    for i in range(1, len(parts)):  # '<file>: <problem>' (a file name may hold ': ')
        hit = _match(": ".join(parts[i:]))
        if hit:
            return ": ".join(parts[:i]) + ": " + t(hit[0], lang).format(**hit[1])
    return message


def error_text(exc: BaseException | str, lang: str = "vi") -> str:
    """An error of the library in the user's language: by its code (QueryError, AuditError), by
    its known message (ParseError: '<file>: <problem>'; StoreError), else as it is."""
    if isinstance(exc, str):
        return message_text(exc, lang)
    code = getattr(exc, "code", None)
    params = dict(getattr(exc, "params", None) or {})
    if code == "query.syntax":
        if params.get("line") is None:
            return t("error.query.syntax_nowhere", lang)
        column = t("error.column", lang).format(column=params["column"]) if params.get("column") else ""
        return t("error.query.syntax", lang).format(line=params["line"], column_text=column, near=params.get("near", ""))
    if code == "query.timeout" and params.get("seconds"):
        from policykg.base.formats import format_number

        seconds = format_number(float(params["seconds"]), lang)
        return t("error.query.timeout", lang).rstrip(".") + (f" ({seconds} giây)." if lang == "vi" else f" ({seconds} s).")
    if code and f"error.{code}" in TEXT:
        try:
            return t(f"error.{code}", lang).format(**params)
        except (KeyError, IndexError):
            return str(exc)
    source, problem = getattr(exc, "source", None), getattr(exc, "problem", None)
    if source is not None and problem is not None:  # a ParseError
        hit = _match(problem)
        text = t(hit[0], lang).format(**hit[1]) if hit else t("error.parse.unknown", lang).format(detail=problem)
        return f"{source}: {text}"
    return message_text(str(exc), lang)
