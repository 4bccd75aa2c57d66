/**
 * Moves the focus back to an element when the focus was lost, e.g. because
 * the focused button was disabled while its request ran. Does nothing when
 * the element is gone or something else has the focus.
 *
 * @param element The element to focus, or `null`.
 */
export function restoreFocus( element: HTMLElement | null ): void {
	if ( ! element?.isConnected ) {
		return;
	}
	const active = element.ownerDocument.activeElement;
	if ( ! active || active === element.ownerDocument.body ) {
		element.focus();
	}
}
