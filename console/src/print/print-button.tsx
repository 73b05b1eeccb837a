/** The 打印 button of a printable page; the print stylesheet leaves out everything but the content. */
import { Button, Typography } from 'antd';
import { useLanguage } from '../language/language';
import { shanghaiDateTime } from '../shanghai-time';
import './print.css';

export function PrintButton() {
  const { strings } = useLanguage();
  return <Button onClick={() => window.print()}>{strings.print}</Button>;
}

/** A line only the printed copy carries: when it was printed (Beijing time). */
export function PrintedAt() {
  const { strings } = useLanguage();
  return (
    <Typography.Text className="print-only">
      {strings.printedAt}
      {strings.labelSeparator}
      {shanghaiDateTime(new Date().toISOString())}
    </Typography.Text>
  );
}
