// Server-rendered charts of the console and of the printable report: SVG strings with their
// table alternative, and the geometry the PDF reuses.

export { barChart, barFrame, BAR_FRAME } from './bar-chart';
export { heatMap, heatFrame } from './heat-map';
export { chartTable, chartTableModel, type TableModel } from './chart-table';
export { barModel, heatModel } from './model';
export type { BarChartInput, BarDatum, BarModel, Frame, HeatMapInput, HeatModel } from './model';
export { numberFormat, type ValueFormat } from './number-format';
export { contrastRatio, PALETTE, sequentialScale, seriesColours } from './colours';
export { escapeXml } from './xml';
