/** Vietnamese UI strings: the reference catalogue. Every key here must exist in en.ts (checked by the type). */
export const vi = {
  app: {
    name: "Dân vận chính quyền",
    fullName: "Theo dõi công tác Dân vận chính quyền",
    description: "Số liệu báo cáo công tác dân vận chính quyền của các xã, so sánh, theo dõi tiến độ và xuất báo cáo.",
    skipToContent: "Bỏ qua, đến nội dung chính",
    overseeing: "Đơn vị theo dõi",
    committee: "UBND {name}",
    footer: "Số liệu do các xã báo cáo theo quý. Tỷ lệ luôn tính bằng tổng tử số / tổng mẫu số.",
  },
  nav: {
    label: "Điều hướng chính",
    overview: "Tổng quan",
    compare: "So sánh",
    units: "Đơn vị",
    imports: "Nhập dữ liệu",
    exports: "Xuất báo cáo",
    admin: "Quản trị",
  },
  language: {
    label: "Ngôn ngữ",
    vi: "Tiếng Việt",
    en: "English",
    current: "(đang dùng)",
  },
  demo: {
    banner: "Đây là dữ liệu mẫu để dùng thử, không phải số liệu chính thức.",
    label: "Dữ liệu mẫu",
  },
  status: {
    meets: "Đạt",
    near: "Gần đạt",
    below: "Chưa đạt",
    none: "Không có mục tiêu",
  },
  home: {
    title: "Tổng quan",
    subtitle: "{scope} · {period}",
    noData: "Chưa có dữ liệu của {scope}. Hãy nhập dữ liệu ở trang Nhập dữ liệu.",
    noScope: "Chưa có đơn vị theo dõi {code} trong danh mục. Hãy nạp danh mục đơn vị hành chính.",
    tableTitle: "Kết quả theo xã",
    tableCaption: "Ba chỉ tiêu của {count} xã, {period}. Ô trống: xã chưa báo cáo.",
    colIndex: "STT",
    colCommune: "Đơn vị",
    colCode: "Mã",
    total: "Toàn {scope}",
    notReported: "Chưa báo cáo",
    reported: "Đã báo cáo: {reported}/{expected} xã",
    chartTitle: "{indicator} theo xã",
    chartDescription: "Biểu đồ cột: {indicator} của từng xã, {period}; đường ngang là mục tiêu {target}.",
    targetLine: "Mục tiêu {target}",
    targetLabel: "Mục tiêu",
    formula: "{numerator} / {denominator} = {value}",
    formulaCount: "Tổng {value}",
    formulaNoData: "Không có dữ liệu (mẫu số bằng 0 hoặc chưa báo cáo)",
    target: "mục tiêu ≥ {target}",
  },
  units: {
    title: "Đơn vị",
    intro: "Các xã thuộc {scope} theo danh mục đơn vị hành chính ({structure}).",
    colCode: "Mã đơn vị",
    colName: "Tên đơn vị",
    colSuccessor: "Từ 01/7/2025 thuộc",
    count: "{count} xã",
  },
  errors: {
    title: "Đã xảy ra lỗi",
    description:
      "Không tải được trang này. Số liệu không bị ảnh hưởng. Hãy thử lại; nếu vẫn lỗi, báo cho quản trị viên kèm mã lỗi.",
    reference: "Mã lỗi: {digest}",
    retry: "Thử lại",
    notFoundTitle: "Không tìm thấy trang",
    notFoundDescription: "Địa chỉ này không tồn tại. Hãy quay về trang Tổng quan.",
    backHome: "Về trang Tổng quan",
  },
  scroll: {
    hint: "Bảng rộng hơn màn hình: kéo ngang (hoặc dùng phím mũi tên) để xem các cột còn lại.",
  },
  loading: "Đang tải…",
} as const;

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof vi>;
