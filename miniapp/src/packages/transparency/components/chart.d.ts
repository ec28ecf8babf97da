// Declares what both platform files export; Taro picks chart.weapp.tsx or chart.h5.tsx at build
// time, and TypeScript checks each of them against the same names.

export type ChartProps = {
  /** Unique on the page: the canvas (weapp) or box (H5) the chart is drawn in. */
  chartId: string
  /** An ECharts option (lib/figures.ts builds them). */
  option: Record<string, unknown>
  /** Height in design px (750 wide). */
  height: number
}

/**
 * A chart drawn by ECharts on a canvas. It is a picture only: each page writes the same numbers
 * as text right below it, which is what screen readers read (the chart is hidden from them).
 */
export declare function Chart(props: ChartProps): JSX.Element
