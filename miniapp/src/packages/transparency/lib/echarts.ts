// ECharts with only what the public pages draw (lines, bars, a grid, a legend, the canvas
// renderer): about a third of the full library, and all of it in this subpackage.
import * as echarts from 'echarts/core'
import { BarChart, LineChart } from 'echarts/charts'
import { GridComponent, LegendComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, CanvasRenderer])

export { echarts }
