"use client";

import dynamic from "next/dynamic";
import { useState } from "react";
import type { ZoomDialog as ZoomDialogType } from "./zoom-dialog";

type ZoomDialogProps = React.ComponentProps<typeof ZoomDialogType>;

const Loaded = dynamic(() => import("./zoom-dialog").then((m) => m.ZoomDialog), { ssr: false });

/**
 * The zoom dialog, its code (react-zoom-pan-pinch) fetched the first time it opens rather than
 * with every page that shows an image. Closed, it renders nothing until then.
 */
export function ZoomDialog(props: ZoomDialogProps) {
  const [wanted, setWanted] = useState(props.open);
  if (props.open && !wanted) setWanted(true);
  return wanted ? <Loaded {...props} /> : null;
}
