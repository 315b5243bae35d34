import type { FieldInfo } from "@/lib/catalog";

/** What every field control receives from the form. */
export interface FieldProps<V> {
  /** DOM id of the field's main control; parts derive from it ("gf-dialogue-1-text"). */
  id: string;
  field: FieldInfo;
  value: V;
  onChange: (value: V) => void;
  /** The validation message when the error is about this field as a whole. */
  error?: string;
  /** Set when the error is about one part ("[1].text"); `error` then holds its message. */
  errorPath?: string;
}
