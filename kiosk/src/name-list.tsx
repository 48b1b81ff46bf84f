import { Fragment } from 'react';

/** Names in a list, each kept whole on a line: never "6号窗口（综 / 合）". */
export function NameList({ names, separator }: { names: string[]; separator: string }) {
  return names.map((name, i) => (
    <Fragment key={name}>
      <span className="nowrap">{name}</span>
      {i < names.length - 1 ? separator : ''}
    </Fragment>
  ));
}
